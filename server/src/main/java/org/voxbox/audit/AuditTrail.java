package org.voxbox.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.voxbox.directory.Channel;
import org.voxbox.directory.PasswordReset;
import org.voxbox.directory.TokenIssued;
import org.voxbox.directory.TokensRevoked;
import org.voxbox.mailbox.MessageNotStored;
import org.voxbox.mailbox.TransferNumberChanged;
import org.voxbox.mailbox.TransferPolicyChanged;
import org.voxbox.mailbox.VoicemailDisabled;
import org.voxbox.mailbox.VoicemailEnabled;
import org.voxbox.pin.MailboxLocked;
import org.voxbox.pin.MailboxUnlocked;
import org.voxbox.pin.PinChanged;

/**
 * Records PIN and voicemail events, changes of transfer numbers and of the transfer policy, messages that could
 * not be stored, and administrators' work on other people's credentials (temporary passwords, API tokens issued
 * and revoked): what, who, through which channel, when, and for the transfer changes what the value was and became
 * (numbers in full, for fraud review) — never a PIN, password or token. Listens inside the transaction that made
 * the change, so an event is recorded exactly when the change commits.
 */
@Repository
class AuditTrail {

	/** What happened. */
	enum Type {
		PIN_SET, PIN_RESET, MAILBOX_LOCKED, MAILBOX_UNLOCKED, VOICEMAIL_ENABLED, VOICEMAIL_DISABLED, MESSAGE_NOT_STORED,
		TRANSFER_NUMBER_SET, TRANSFER_NUMBER_CHANGED, TRANSFER_NUMBER_CLEARED, TRANSFER_ENABLED, TRANSFER_DISABLED,
		TRANSFER_POLICY_CHANGED, PASSWORD_RESET, TOKEN_ISSUED, TOKENS_REVOKED;

		/** The Webex event category: {@code USERS} for sign-in credentials, else {@code VOICEMAIL}. */
		String category() {
			return switch (this) {
				case PASSWORD_RESET, TOKEN_ISSUED, TOKENS_REVOKED -> "USERS";
				default -> "VOICEMAIL";
			};
		}
	}

	/**
	 * @param oldValue what a transfer number or the transfer policy was, when the event is such a change
	 * @param newValue what it became
	 */
	record Entry(UUID id, UUID orgId, Instant occurred, Type type, Channel channel, @Nullable UUID actorId,
			@Nullable UUID subjectId, @Nullable String oldValue, @Nullable String newValue) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@EventListener
	void on(PinChanged e) {
		record(e.orgId(), e.kind() == PinChanged.Kind.RESET ? Type.PIN_RESET : Type.PIN_SET, e.channel(), e.actorId(), e.personId());
	}

	@EventListener
	void on(MailboxLocked e) {
		record(e.orgId(), Type.MAILBOX_LOCKED, e.channel(), null, e.personId());
	}

	@EventListener
	void on(MailboxUnlocked e) {
		record(e.orgId(), Type.MAILBOX_UNLOCKED, e.channel(), e.actorId(), e.personId());
	}

	@EventListener
	void on(VoicemailEnabled e) {
		record(e.orgId(), Type.VOICEMAIL_ENABLED, e.channel(), e.actorId(), e.personId());
	}

	@EventListener
	void on(VoicemailDisabled e) {
		record(e.orgId(), Type.VOICEMAIL_DISABLED, e.channel(), e.actorId(), e.personId());
	}

	/**
	 * A change of the number is one row (set, changed or cleared, with both numbers), switching transfer on or off
	 * another (with the number callers are transferred to from now on, or were until now).
	 */
	@EventListener
	void on(TransferNumberChanged e) {
		if (!Objects.equals(e.oldNumber(), e.newNumber())) {
			Type type = e.oldNumber() == null ? Type.TRANSFER_NUMBER_SET
					: e.newNumber() == null ? Type.TRANSFER_NUMBER_CLEARED : Type.TRANSFER_NUMBER_CHANGED;
			record(e.orgId(), type, e.channel(), e.actorId(), e.personId(), e.oldNumber(), e.newNumber());
		}
		if (e.wasEnabled() != e.enabled()) {
			record(e.orgId(), e.enabled() ? Type.TRANSFER_ENABLED : Type.TRANSFER_DISABLED, e.channel(), e.actorId(),
					e.personId(), e.enabled() ? null : e.oldNumber(), e.enabled() ? e.newNumber() : null);
		}
	}

	@EventListener
	void on(TransferPolicyChanged e) {
		record(e.orgId(), Type.TRANSFER_POLICY_CHANGED, e.channel(), e.actorId(), null, e.before(), e.after());
	}

	@EventListener
	void on(PasswordReset e) {
		record(e.orgId(), Type.PASSWORD_RESET, e.channel(), e.actorId(), e.personId());
	}

	@EventListener
	void on(TokenIssued e) {
		record(e.orgId(), Type.TOKEN_ISSUED, e.channel(), e.actorId(), e.personId());
	}

	@EventListener
	void on(TokensRevoked e) {
		record(e.orgId(), Type.TOKENS_REVOKED, e.channel(), e.actorId(), e.personId());
	}

	/** Published outside any transaction (the storing one failed): recorded in one of its own. */
	@EventListener
	void on(MessageNotStored e) {
		record(e.orgId(), Type.MESSAGE_NOT_STORED, Channel.PHONE, null, e.personId());
	}

	private void record(UUID orgId, Type type, Channel channel, @Nullable UUID actor, @Nullable UUID subject) {
		record(orgId, type, channel, actor, subject, null, null);
	}

	private void record(UUID orgId, Type type, Channel channel, @Nullable UUID actor, @Nullable UUID subject,
			@Nullable String oldValue, @Nullable String newValue) {
		jdbc.sql("""
				INSERT INTO audit_event (id, org_id, occurred_at, type, channel, actor_person_id, subject_person_id,
				       old_value, new_value)
				VALUES (:id, :org, :at, :type, :channel, :actor, :subject, :old, :new)
				""")
			.param("id", UUID.randomUUID().toString())
			.param("org", orgId.toString())
			.param("at", clock.millis())
			.param("type", type.name())
			.param("channel", channel.name())
			.param("actor", actor == null ? null : actor.toString(), java.sql.Types.VARCHAR)
			.param("subject", subject == null ? null : subject.toString(), java.sql.Types.VARCHAR)
			.param("old", oldValue, java.sql.Types.VARCHAR)
			.param("new", newValue, java.sql.Types.VARCHAR)
			.update();
	}

	List<Entry> page(UUID orgId, Instant from, Instant to, int start, int max) {
		return jdbc.sql("""
				SELECT id, org_id, occurred_at, type, channel, actor_person_id, subject_person_id, old_value, new_value
				  FROM audit_event
				 WHERE org_id = :org AND occurred_at >= :from AND occurred_at < :to
				 ORDER BY occurred_at DESC, id LIMIT :max OFFSET :start
				""")
			.param("org", orgId.toString())
			.param("from", from.toEpochMilli())
			.param("to", to.toEpochMilli())
			.param("max", max)
			.param("start", start)
			.query((rs, n) -> new Entry(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
					Instant.ofEpochMilli(rs.getLong(3)), Type.valueOf(rs.getString(4)), Channel.valueOf(rs.getString(5)),
					uuid(rs.getString(6)), uuid(rs.getString(7)), rs.getString(8), rs.getString(9)))
			.list();
	}

	private static @Nullable UUID uuid(@Nullable String s) {
		return s == null ? null : UUID.fromString(s);
	}
}
