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
import org.voxbox.directory.PasswordChanged;
import org.voxbox.directory.PasswordReset;
import org.voxbox.directory.PersonCreated;
import org.voxbox.directory.PersonDeleted;
import org.voxbox.directory.RoleChanged;
import org.voxbox.directory.SignInAttempted;
import org.voxbox.directory.TokenIssued;
import org.voxbox.directory.TokensRevoked;
import org.voxbox.mailbox.GreetingChosen;
import org.voxbox.mailbox.MessageNotStored;
import org.voxbox.mailbox.TransferNumberChanged;
import org.voxbox.mailbox.TransferPolicyChanged;
import org.voxbox.mailbox.VoicemailDisabled;
import org.voxbox.mailbox.VoicemailEnabled;
import org.voxbox.pin.MailboxLocked;
import org.voxbox.pin.MailboxUnlocked;
import org.voxbox.pin.PinChanged;
import org.voxbox.pin.PinPolicyChanged;

/**
 * Records PIN and voicemail events, changes of transfer numbers, greetings, the transfer policy and the PIN policy,
 * messages that could not be stored, sign-ins (with the client address), own password changes, people added,
 * removed and given another role, and administrators' work on other people's credentials (temporary passwords, API
 * tokens issued and revoked): what, who, through which channel, when, and for changes what the value was and became
 * (transfer numbers in full, for fraud review) — never a PIN, password or token. Listens inside the transaction that
 * made the change, so an event is recorded exactly when the change commits; sign-ins, checked outside any
 * transaction, are recorded in one of their own.
 */
@Repository
class AuditTrail {

	/** What happened. */
	enum Type {
		PIN_SET, PIN_RESET, MAILBOX_LOCKED, MAILBOX_UNLOCKED, VOICEMAIL_ENABLED, VOICEMAIL_DISABLED, MESSAGE_NOT_STORED,
		TRANSFER_NUMBER_SET, TRANSFER_NUMBER_CHANGED, TRANSFER_NUMBER_CLEARED, TRANSFER_ENABLED, TRANSFER_DISABLED,
		TRANSFER_POLICY_CHANGED, PASSWORD_RESET, TOKEN_ISSUED, TOKENS_REVOKED, SIGNED_IN, SIGN_IN_FAILED, PASSWORD_CHANGED,
		PERSON_CREATED, PERSON_DELETED, ROLE_CHANGED, PIN_POLICY_CHANGED, GREETING_CHANGED;

		/** The Webex event category: {@code USERS} for people, sign-ins and credentials, else {@code VOICEMAIL}. */
		String category() {
			return switch (this) {
				case PASSWORD_RESET, TOKEN_ISSUED, TOKENS_REVOKED, SIGNED_IN, SIGN_IN_FAILED, PASSWORD_CHANGED, PERSON_CREATED,
						PERSON_DELETED, ROLE_CHANGED -> "USERS";
				default -> "VOICEMAIL";
			};
		}
	}

	/**
	 * @param oldValue what a transfer number, greeting, role or policy was, when the event is such a change
	 * @param newValue what it became
	 * @param sourceAddress the client address of a sign-in, as Tomcat resolved it
	 */
	record Entry(UUID id, UUID orgId, Instant occurred, Type type, Channel channel, @Nullable UUID actorId,
			@Nullable UUID subjectId, @Nullable String oldValue, @Nullable String newValue, @Nullable String sourceAddress) {
	}

	/** Which events a page holds: each null filter matches all. */
	record Filter(@Nullable Type type, @Nullable UUID actorId, @Nullable UUID subjectId) {

		static final Filter ALL = new Filter(null, null, null);
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

	@EventListener
	void on(PersonCreated e) {
		record(e.orgId(), Type.PERSON_CREATED, e.channel(), e.actorId(), e.personId());
	}

	@EventListener
	void on(PersonDeleted e) {
		record(e.orgId(), Type.PERSON_DELETED, e.channel(), e.actorId(), e.personId());
	}

	@EventListener
	void on(RoleChanged e) {
		record(e.orgId(), Type.ROLE_CHANGED, e.channel(), e.actorId(), e.personId(), e.before().name(), e.after().name());
	}

	@EventListener
	void on(PasswordChanged e) {
		record(e.orgId(), Type.PASSWORD_CHANGED, Channel.PORTAL, e.personId(), e.personId());
	}

	/** Checked outside any transaction: recorded in one of its own. The person is the actor, whoever typed it. */
	@EventListener
	void on(SignInAttempted e) {
		record(e.orgId(), e.succeeded() ? Type.SIGNED_IN : Type.SIGN_IN_FAILED, e.channel(),
				e.succeeded() ? e.personId() : null, e.personId(), null, null,
				e.address().length() <= 45 ? e.address() : e.address().substring(0, 45));
	}

	@EventListener
	void on(PinPolicyChanged e) {
		record(e.orgId(), Type.PIN_POLICY_CHANGED, e.channel(), e.actorId(), null, e.before(), e.after());
	}

	@EventListener
	void on(GreetingChosen e) {
		record(e.orgId(), Type.GREETING_CHANGED, e.channel(), e.actorId(), e.personId(), e.setting() + "=" + e.before(),
				e.setting() + "=" + e.after());
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
		record(orgId, type, channel, actor, subject, oldValue, newValue, null);
	}

	private void record(UUID orgId, Type type, Channel channel, @Nullable UUID actor, @Nullable UUID subject,
			@Nullable String oldValue, @Nullable String newValue, @Nullable String sourceAddress) {
		jdbc.sql("""
				INSERT INTO audit_event (id, org_id, occurred_at, type, channel, actor_person_id, subject_person_id,
				       old_value, new_value, source_address)
				VALUES (:id, :org, :at, :type, :channel, :actor, :subject, :old, :new, :source)
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
			.param("source", sourceAddress, java.sql.Types.VARCHAR)
			.update();
	}

	/** The organisation's events from {@code from} (inclusive) to {@code to} that match {@code filter}, newest first. */
	List<Entry> page(UUID orgId, Filter filter, Instant from, Instant to, int start, int max) {
		return jdbc.sql("""
				SELECT id, org_id, occurred_at, type, channel, actor_person_id, subject_person_id, old_value, new_value,
				       source_address
				  FROM audit_event
				 WHERE org_id = :org AND occurred_at >= :from AND occurred_at < :to
				   AND (CAST(:type AS VARCHAR(40)) IS NULL OR type = :type)
				   AND (CAST(:actor AS VARCHAR(36)) IS NULL OR actor_person_id = :actor)
				   AND (CAST(:subject AS VARCHAR(36)) IS NULL OR subject_person_id = :subject)
				 ORDER BY occurred_at DESC, id LIMIT :max OFFSET :start
				""")
			.param("org", orgId.toString())
			.param("type", filter.type() == null ? null : filter.type().name(), java.sql.Types.VARCHAR)
			.param("actor", filter.actorId() == null ? null : filter.actorId().toString(), java.sql.Types.VARCHAR)
			.param("subject", filter.subjectId() == null ? null : filter.subjectId().toString(), java.sql.Types.VARCHAR)
			.param("from", from.toEpochMilli())
			.param("to", to.toEpochMilli())
			.param("max", max)
			.param("start", start)
			.query((rs, n) -> new Entry(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
					Instant.ofEpochMilli(rs.getLong(3)), Type.valueOf(rs.getString(4)), Channel.valueOf(rs.getString(5)),
					uuid(rs.getString(6)), uuid(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10)))
			.list();
	}

	private static @Nullable UUID uuid(@Nullable String s) {
		return s == null ? null : UUID.fromString(s);
	}
}
