package org.voxbox.mailbox;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.voxbox.directory.PersonCreated;
import org.voxbox.web.ErrorCode;
import org.voxbox.web.Texts;

/**
 * The mailboxes: exactly one per person, created with the person (in the same transaction) with voicemail
 * off. The database's unique key on {@code person_id} makes a second one impossible.
 */
@Repository
public class Mailboxes {

	private final JdbcClient jdbc;

	private final Clock clock;

	Mailboxes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Whether an administrator has enabled voicemail for the person. */
	public boolean isEnabled(UUID personId) {
		return find(personId).map(Mailbox::enabled).orElse(false);
	}

	/**
	 * Refuses with 403, in the caller's language, when voicemail is not enabled for the person: they are told
	 * to contact their administrator.
	 */
	public void requireEnabled(UUID personId, Locale locale) {
		if (!isEnabled(personId)) {
			throw ErrorCode.VOICEMAIL_NOT_ENABLED.exception(Texts.get("mailbox", "error.voicemailNotEnabled", locale));
		}
	}

	/** Refuses with 403 when an administrator acts on a person whose voicemail is off. */
	public void requireEnabledForAdmin(UUID personId, Locale locale) {
		if (!isEnabled(personId)) {
			throw ErrorCode.VOICEMAIL_NOT_ENABLED.exception(Texts.get("mailbox", "error.voicemailNotEnabledForPerson", locale));
		}
	}

	Optional<Mailbox> find(UUID personId) {
		return jdbc.sql("SELECT id, person_id, enabled, transfer_enabled, transfer_number FROM mailbox WHERE person_id = :p")
			.param("p", personId.toString())
			.query((rs, n) -> new Mailbox(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getBoolean(3),
					rs.getBoolean(4), rs.getString(5)))
			.optional();
	}

	/** Where a caller who presses 0 is transferred (Webex {@code transferToNumber}), when switched on. */
	public Optional<String> transferNumber(UUID personId) {
		return find(personId).filter(Mailbox::transferEnabled).map(Mailbox::transferNumber);
	}

	void setTransfer(UUID personId, boolean enabled, @Nullable String number) {
		jdbc.sql("UPDATE mailbox SET transfer_enabled = :e, transfer_number = :n WHERE person_id = :p")
			.param("e", enabled)
			.param("n", number, java.sql.Types.VARCHAR)
			.param("p", personId.toString())
			.update();
	}

	@EventListener
	void on(PersonCreated event) {
		create(event.personId());
	}

	/**
	 * Creates the person's mailbox.
	 *
	 * @throws MailboxExists when the person already has one
	 */
	Mailbox create(UUID personId) {
		Mailbox mailbox = new Mailbox(UUID.randomUUID(), personId, false, false, null);
		try {
			jdbc.sql("INSERT INTO mailbox (id, person_id, enabled, created_at) VALUES (:id, :p, :e, :at)")
				.param("id", mailbox.id().toString())
				.param("p", personId.toString())
				.param("e", false)
				.param("at", clock.millis())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new MailboxExists();
		}
		return mailbox;
	}

	void setEnabled(UUID personId, boolean enabled) {
		jdbc.sql("UPDATE mailbox SET enabled = :e WHERE person_id = :p")
			.param("e", enabled)
			.param("p", personId.toString())
			.update();
	}

	/** A person's mailbox and its settings. */
	record Mailbox(UUID id, UUID personId, boolean enabled, boolean transferEnabled, @Nullable String transferNumber) {
	}

	/** A second mailbox was asked for; the caller hears 409 at the web edge. */
	static final class MailboxExists extends RuntimeException {

		MailboxExists() {
			super("the person already has a mailbox", null, false, false);
		}
	}
}
