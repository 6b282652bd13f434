package org.voxbox.pin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each person's PIN state and the verifiers of their current and earlier PINs. */
@Repository
class PinCredentials {

	/** History kept per person: the deepest history a policy may ask for. */
	static final int KEPT = 50;

	private final JdbcClient jdbc;

	PinCredentials(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A person's PIN state.
	 *
	 * @param headSeq the sequence number of the current PIN's history entry, 0 when no PIN was ever set
	 */
	record Credential(UUID personId, String salt, boolean mustChange, @Nullable Instant setAt,
			@Nullable Instant ownerChangedAt, int failedAttempts, boolean locked, long headSeq) {

		boolean hasPin() {
			return headSeq > 0;
		}
	}

	Optional<Credential> find(UUID personId) {
		return jdbc.sql("""
				SELECT c.person_id, c.salt, c.must_change, c.set_at, c.owner_changed_at, c.failed_attempts, c.locked,
				       (SELECT MAX(h.seq) FROM pin_history h WHERE h.person_id = c.person_id) AS head
				  FROM pin_credential c WHERE c.person_id = :p
				""")
			.param("p", personId.toString())
			.query((rs, n) -> new Credential(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getBoolean(3),
					instant(rs.getObject(4)), instant(rs.getObject(5)), rs.getInt(6), rs.getBoolean(7), rs.getLong(8)))
			.optional();
	}

	/** The stored verifiers, newest first. */
	List<String> verifiers(UUID personId) {
		return jdbc.sql("SELECT verifier FROM pin_history WHERE person_id = :p ORDER BY seq DESC LIMIT " + KEPT)
			.param("p", personId.toString())
			.query(String.class)
			.list();
	}

	void create(UUID personId, String salt) {
		jdbc.sql("INSERT INTO pin_credential (person_id, salt, must_change, failed_attempts, locked) VALUES (:p, :s, :f, 0, :f)")
			.param("p", personId.toString())
			.param("s", salt)
			.param("f", false)
			.update();
	}

	/**
	 * Takes the write lock on the person's credential for the rest of the transaction (a row lock on PostgreSQL;
	 * SQLite's transactions already hold the database's write lock) and returns it as it is now.
	 */
	Credential lock(UUID personId) {
		jdbc.sql("UPDATE pin_credential SET failed_attempts = failed_attempts WHERE person_id = :p")
			.param("p", personId.toString())
			.update();
		return find(personId).orElseThrow();
	}

	/** Makes {@code verifier} the current PIN, unlocks, clears the failed-attempt count, trims old history. */
	void setCurrent(Credential before, String verifier, boolean mustChange, Instant at, boolean byOwner) {
		long seq = before.headSeq() + 1;
		jdbc.sql("INSERT INTO pin_history (person_id, seq, verifier, set_at) VALUES (:p, :seq, :v, :at)")
			.param("p", before.personId().toString())
			.param("seq", seq)
			.param("v", verifier)
			.param("at", at.toEpochMilli())
			.update();
		jdbc.sql("DELETE FROM pin_history WHERE person_id = :p AND seq <= :oldest")
			.param("p", before.personId().toString())
			.param("oldest", seq - KEPT)
			.update();
		jdbc.sql("""
				UPDATE pin_credential SET must_change = :must, set_at = :at, failed_attempts = 0, locked = :f,
				       owner_changed_at = CASE WHEN :byOwner = 1 THEN :at ELSE owner_changed_at END
				 WHERE person_id = :p
				""")
			.param("must", mustChange)
			.param("at", at.toEpochMilli())
			.param("f", false)
			.param("byOwner", byOwner ? 1 : 0)
			.param("p", before.personId().toString())
			.update();
	}

	void recordFailure(UUID personId, int failedAttempts, boolean locked) {
		jdbc.sql("UPDATE pin_credential SET failed_attempts = :n, locked = :l WHERE person_id = :p")
			.param("n", failedAttempts)
			.param("l", locked)
			.param("p", personId.toString())
			.update();
	}

	void clearFailures(UUID personId) {
		jdbc.sql("UPDATE pin_credential SET failed_attempts = 0 WHERE person_id = :p AND failed_attempts <> 0")
			.param("p", personId.toString())
			.update();
	}

	private static @Nullable Instant instant(@Nullable Object millis) {
		return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
	}
}
