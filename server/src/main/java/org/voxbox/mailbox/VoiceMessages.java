package org.voxbox.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The messages in mailboxes. A message and its audio (a µ-law WAV) are one row, written in one transaction, so
 * neither exists without the other.
 */
@Repository
public class VoiceMessages {

	/** Per-mailbox storage limit, as in Webex: 100 minutes. */
	public static final int MAILBOX_LIMIT_MILLIS = 100 * 60_000;

	private final JdbcClient jdbc;

	private final Mailboxes mailboxes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	VoiceMessages(JdbcClient jdbc, Mailboxes mailboxes, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.mailboxes = mailboxes;
		this.events = events;
		this.clock = clock;
	}

	/** A stored message, without its audio. */
	public record Message(UUID id, UUID personId, @Nullable String callerName, @Nullable String callerNumber,
			boolean callerPrivate, Instant received, int durationMillis, boolean urgent, boolean heard) {
	}

	/** How much more audio the person's mailbox may hold, in milliseconds (0 when full). */
	public int remainingMillis(UUID personId) {
		Long used = jdbc.sql("""
				SELECT COALESCE(SUM(m.duration_ms), 0) FROM voice_message m JOIN mailbox b ON b.id = m.mailbox_id
				 WHERE b.person_id = :p
				""").param("p", personId.toString()).query(Long.class).single();
		return (int) Math.max(0, MAILBOX_LIMIT_MILLIS - used);
	}

	/**
	 * Stores a message with its audio in one transaction and announces it, received now.
	 *
	 * @param wav the message audio, a WAV file
	 * @throws IllegalStateException when the person has no mailbox
	 * @throws MailboxFull when the message does not fit in the mailbox's limit
	 */
	@Transactional
	public UUID deposit(UUID personId, CallerId caller, int durationMillis, boolean urgent, String audioFormat, byte[] wav) {
		return deposit(personId, caller, clock.instant(), durationMillis, urgent, audioFormat, wav);
	}

	/**
	 * Stores a message received at {@code received} (when its call began) with its audio in one transaction, and
	 * announces it. The mailbox's row is locked first, so two messages stored at once cannot both take the last
	 * of its room.
	 *
	 * @param wav the message audio, a WAV file
	 * @throws IllegalStateException when the person has no mailbox
	 * @throws MailboxFull when the message does not fit in the mailbox's limit
	 */
	@Transactional
	public UUID deposit(UUID personId, CallerId caller, Instant received, int durationMillis, boolean urgent,
			String audioFormat, byte[] wav) {
		Mailboxes.Mailbox mailbox = mailboxes.find(personId)
			.orElseThrow(() -> new IllegalStateException("no mailbox for person " + personId));
		// PostgreSQL: a row lock until commit; SQLite: transactions take the write lock as they begin anyway.
		jdbc.sql("UPDATE mailbox SET person_id = person_id WHERE id = :id").param("id", mailbox.id().toString()).update();
		int remaining = remainingMillis(personId);
		if (durationMillis > remaining) {
			throw new MailboxFull(remaining);
		}
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO voice_message (id, mailbox_id, caller_name, caller_number, caller_private, received_at,
				       duration_ms, urgent, heard, audio_format, audio)
				VALUES (:id, :mailbox, :name, :number, :private, :at, :duration, :urgent, :heard, :format, :audio)
				""")
			.param("id", id.toString())
			.param("mailbox", mailbox.id().toString())
			.param("name", caller.name(), java.sql.Types.VARCHAR)
			.param("number", caller.number(), java.sql.Types.VARCHAR)
			.param("private", caller.privacy())
			.param("at", received.toEpochMilli())
			.param("duration", durationMillis)
			.param("urgent", urgent)
			.param("heard", false)
			.param("format", audioFormat)
			.param("audio", wav)
			.update();
		events.publishEvent(new MessageDeposited(id, personId, received, durationMillis, urgent));
		return id;
	}

	/** The person's messages, newest first. */
	public List<Message> list(UUID personId) {
		return jdbc.sql("""
				SELECT m.id, b.person_id, m.caller_name, m.caller_number, m.caller_private, m.received_at, m.duration_ms,
				       m.urgent, m.heard
				  FROM voice_message m JOIN mailbox b ON b.id = m.mailbox_id
				 WHERE b.person_id = :p ORDER BY m.received_at DESC, m.id
				""")
			.param("p", personId.toString())
			.query((rs, n) -> new Message(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getBoolean(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getInt(7), rs.getBoolean(8),
					rs.getBoolean(9)))
			.list();
	}

	/** How many messages a mailbox holds: new (not heard) and old, and of each the urgent ones (Webex field names). */
	public record Summary(int newMessages, int oldMessages, int newUrgentMessages, int oldUrgentMessages) {
	}

	/** The person's message counts. */
	public Summary summary(UUID personId) {
		return jdbc.sql("""
				SELECT COALESCE(SUM(CASE WHEN m.heard THEN 0 ELSE 1 END), 0),
				       COALESCE(SUM(CASE WHEN m.heard THEN 1 ELSE 0 END), 0),
				       COALESCE(SUM(CASE WHEN m.urgent AND NOT m.heard THEN 1 ELSE 0 END), 0),
				       COALESCE(SUM(CASE WHEN m.urgent AND m.heard THEN 1 ELSE 0 END), 0)
				  FROM voice_message m JOIN mailbox b ON b.id = m.mailbox_id
				 WHERE b.person_id = :p
				""")
			.param("p", personId.toString())
			.query((rs, n) -> new Summary(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
			.single();
	}

	/** Marks a message of the person as heard (a saved message, in phone terms). */
	public void markHeard(UUID personId, UUID messageId) {
		jdbc.sql("""
				UPDATE voice_message SET heard = :heard
				 WHERE id = :id AND mailbox_id = (SELECT id FROM mailbox WHERE person_id = :p)
				""")
			.param("heard", true)
			.param("id", messageId.toString())
			.param("p", personId.toString())
			.update();
	}

	/** Deletes a message of the person with its audio. */
	public boolean delete(UUID personId, UUID messageId) {
		return jdbc.sql("DELETE FROM voice_message WHERE id = :id AND mailbox_id = (SELECT id FROM mailbox WHERE person_id = :p)")
			.param("id", messageId.toString())
			.param("p", personId.toString())
			.update() == 1;
	}

	/**
	 * A message's audio, when the message belongs to the person: the whole WAV file in the heap, up to 4.8 MB for a
	 * ten-minute message. The phone reads it with {@link #audioPart} instead.
	 */
	public Optional<byte[]> audio(UUID personId, UUID messageId) {
		return jdbc.sql("""
				SELECT m.audio FROM voice_message m JOIN mailbox b ON b.id = m.mailbox_id
				 WHERE m.id = :id AND b.person_id = :p
				""")
			.param("id", messageId.toString())
			.param("p", personId.toString())
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	/**
	 * Up to {@code length} bytes of a message's audio (its WAV file) from byte {@code offset} (0 is the first),
	 * when the message belongs to the person: fewer at the end of the file, none past it. So a long message is read
	 * a part at a time and never held whole. Each part is a statement of its own, in no transaction (on SQLite one
	 * would hold the write lock meanwhile): a message deleted between two parts has no more parts.
	 *
	 * @throws IllegalArgumentException when {@code offset} is negative or {@code length} not positive
	 */
	public Optional<byte[]> audioPart(UUID personId, UUID messageId, int offset, int length) {
		if (offset < 0 || offset == Integer.MAX_VALUE || length < 1) {
			throw new IllegalArgumentException("no such part of a message: " + length + " bytes from " + offset);
		}
		// substr counts from 1, and counts bytes in a BLOB (SQLite) and a bytea (PostgreSQL) alike.
		return jdbc.sql("""
				SELECT substr(m.audio, :from, :length) FROM voice_message m JOIN mailbox b ON b.id = m.mailbox_id
				 WHERE m.id = :id AND b.person_id = :p
				""")
			.param("from", offset + 1)
			.param("length", length)
			.param("id", messageId.toString())
			.param("p", personId.toString())
			.query((rs, n) -> {
				byte[] part = rs.getBytes(1);
				return part == null ? new byte[0] : part;
			})
			.optional();
	}
}
