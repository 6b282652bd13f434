package org.voxbox.mailbox;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

	private static final Logger log = LoggerFactory.getLogger(Mailboxes.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransferDestinations destinations;

	Mailboxes(JdbcClient jdbc, Clock clock, TransferDestinations destinations) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.destinations = destinations;
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

	/**
	 * Where a caller who presses 0 is transferred (Webex {@code transferToNumber}), when switched on and allowed by
	 * the organisation's transfer policy as it is now: a number set before the policy tightened is not used (and
	 * logged, masked). A deposit asks once, as the call starts. Blocks on the database.
	 */
	public Optional<String> transferNumber(UUID personId) {
		Optional<Transfer> transfer = jdbc.sql("""
				SELECT m.transfer_number, p.org_id FROM mailbox m JOIN person p ON p.id = m.person_id
				 WHERE m.person_id = :p AND m.transfer_enabled = :on AND m.transfer_number IS NOT NULL
				""")
			.param("p", personId.toString())
			.param("on", true)
			.query((rs, n) -> new Transfer(rs.getString(1), UUID.fromString(rs.getString(2))))
			.optional();
		if (transfer.isEmpty()) {
			return Optional.empty();
		}
		String number = transfer.get().number();
		Optional<TransferRule> refusal = destinations.refusal(transfer.get().orgId(), number);
		if (refusal.isPresent()) {
			log.warn("No transfer on 0 for mailbox owner {}: the organisation's transfer policy now refuses {} ({})",
					personId, TransferRules.masked(number), refusal.get());
			return Optional.empty();
		}
		return Optional.of(number);
	}

	private record Transfer(String number, UUID orgId) {
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
