package org.voxbox.mailbox;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * A mailbox's own busy and no-answer greetings and its recorded name, each a WAV file (recorded by phone
 * today). A recorded busy or no-answer greeting is what callers hear until the owner goes back to the system
 * greeting, which keeps the recording (Webex {@code greeting: CUSTOM | DEFAULT}, {@code greetingUploaded}); a
 * recorded name is used while it exists.
 */
@Repository
public class Greetings {

	/** What a recording is for. */
	public enum Kind {
		BUSY("busy_greeting"), NO_ANSWER("no_answer_greeting"), NAME(null);

		private final @org.jspecify.annotations.Nullable String choiceColumn;

		Kind(@org.jspecify.annotations.Nullable String choiceColumn) {
			this.choiceColumn = choiceColumn;
		}
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	Greetings(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The recording callers hear for {@code kind}: a busy or no-answer greeting only while the mailbox uses its
	 * custom one; the name whenever one was recorded.
	 */
	public Optional<byte[]> active(UUID personId, Kind kind) {
		if (kind != Kind.NAME && !usesCustom(personId, kind)) {
			return Optional.empty();
		}
		return recorded(personId, kind);
	}

	/** The recording of {@code kind}, whether or not callers hear it. */
	public Optional<byte[]> recorded(UUID personId, Kind kind) {
		return jdbc.sql("""
				SELECT g.audio FROM greeting g JOIN mailbox b ON b.id = g.mailbox_id
				 WHERE b.person_id = :p AND g.kind = :k
				""")
			.param("p", personId.toString())
			.param("k", kind.name())
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	/** Whether callers hear the custom busy or no-answer greeting (else the system one). */
	public boolean usesCustom(UUID personId, Kind kind) {
		if (kind.choiceColumn == null) {
			return recorded(personId, kind).isPresent();
		}
		return jdbc.sql("SELECT " + kind.choiceColumn + " FROM mailbox WHERE person_id = :p")
			.param("p", personId.toString())
			.query(String.class)
			.optional()
			.map("CUSTOM"::equals)
			.orElse(false);
	}

	/**
	 * Stores a new recording of {@code kind}, replacing the last one, and makes callers hear it — in one
	 * transaction.
	 *
	 * @param wav the recording, a WAV file
	 */
	@Transactional
	public void record(UUID personId, Kind kind, int durationMillis, String audioFormat, byte[] wav) {
		String mailbox = jdbc.sql("SELECT id FROM mailbox WHERE person_id = :p")
			.param("p", personId.toString())
			.query(String.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("no mailbox for person " + personId));
		jdbc.sql("""
				INSERT INTO greeting (mailbox_id, kind, recorded_at, duration_ms, audio_format, audio)
				VALUES (:m, :k, :at, :d, :f, :a)
				ON CONFLICT (mailbox_id, kind) DO UPDATE SET recorded_at = excluded.recorded_at,
				       duration_ms = excluded.duration_ms, audio_format = excluded.audio_format, audio = excluded.audio
				""")
			.param("m", mailbox)
			.param("k", kind.name())
			.param("at", clock.millis())
			.param("d", durationMillis)
			.param("f", audioFormat)
			.param("a", wav)
			.update();
		if (kind.choiceColumn != null) {
			choose(personId, kind, true);
		}
	}

	/**
	 * Makes busy or no-answer callers hear the system greeting again. The recording is kept, so
	 * {@link #useCustom} can switch it back on.
	 *
	 * @throws IllegalArgumentException for the name, which has no system version (see {@link #deleteName})
	 */
	public void useSystemGreeting(UUID personId, Kind kind) {
		if (kind.choiceColumn == null) {
			throw new IllegalArgumentException("no system greeting to use for " + kind);
		}
		choose(personId, kind, false);
	}

	/** Deletes the recorded name, if any: callers hear the extension in the system greeting again. */
	public void deleteName(UUID personId) {
		jdbc.sql("DELETE FROM greeting WHERE kind = :k AND mailbox_id = (SELECT id FROM mailbox WHERE person_id = :p)")
			.param("k", Kind.NAME.name())
			.param("p", personId.toString())
			.update();
	}

	/**
	 * Makes callers hear the recorded busy or no-answer greeting again.
	 *
	 * @return false when there is no recording to use
	 */
	public boolean useCustom(UUID personId, Kind kind) {
		if (kind.choiceColumn == null || recorded(personId, kind).isEmpty()) {
			return false;
		}
		choose(personId, kind, true);
		return true;
	}

	private void choose(UUID personId, Kind kind, boolean custom) {
		jdbc.sql("UPDATE mailbox SET " + kind.choiceColumn + " = :c WHERE person_id = :p")
			.param("c", custom ? "CUSTOM" : "DEFAULT")
			.param("p", personId.toString())
			.update();
	}
}
