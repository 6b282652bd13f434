package org.voxbox.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Personal access tokens. A token is 32 random bytes shown once; only its SHA-256 is stored (a fast hash is
 * right for a secret with 256 bits of entropy: there is nothing to guess).
 */
@Repository
class ApiTokens {

	static final String PREFIX = "vbx_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	ApiTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A token as listed: never its secret.
	 *
	 * @param issuedBy the administrator who issued it for its owner; null when the owner issued it (or the first
	 * start did)
	 */
	record Token(UUID id, UUID personId, String name, Instant created, @Nullable Instant lastUsed,
			@Nullable UUID issuedBy) {
	}

	/** A newly issued token with its secret, to be shown once. */
	record Issued(Token token, String secret) {
	}

	/**
	 * Whether {@code name} (stripped) may name a token: 1–100 characters, none of them control characters (the
	 * store refuses longer names, and PostgreSQL any NUL).
	 */
	static boolean acceptableName(String name) {
		return !name.isEmpty() && name.length() <= 100 && !Names.hasHiddenCharacters(name);
	}

	/** Issues a token for its owner, {@code personId}, by themselves. */
	Issued issue(UUID personId, String name) {
		return issue(personId, name, null);
	}

	/** Issues a token for {@code personId}; {@code issuedBy} is the administrator when it is not the owner. */
	Issued issue(UUID personId, String name, @Nullable UUID issuedBy) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		return new Issued(store(personId, name, secret, issuedBy), secret);
	}

	/** Stores a secret chosen elsewhere (the bootstrap administrator token). */
	Token store(UUID personId, String name, String secret) {
		return store(personId, name, secret, null);
	}

	private Token store(UUID personId, String name, String secret, @Nullable UUID issuedBy) {
		Token token = new Token(UUID.randomUUID(), personId, name, clock.instant(), null, issuedBy);
		jdbc.sql("""
				INSERT INTO api_token (id, person_id, name, token_hash, created_at, issued_by)
				VALUES (:id, :person, :name, :hash, :created, :issuedBy)
				""")
			.param("id", token.id().toString())
			.param("person", personId.toString())
			.param("name", name)
			.param("hash", hash(secret))
			.param("created", token.created().toEpochMilli())
			.param("issuedBy", issuedBy == null ? null : issuedBy.toString(), java.sql.Types.VARCHAR)
			.update();
		return token;
	}

	/** The person a presented secret belongs to; records its use at most once a minute. */
	Optional<UUID> authenticate(String secret) {
		if (secret.length() > 200) {
			return Optional.empty();
		}
		record Row(UUID id, UUID person, @Nullable Long lastUsed) {
		}
		Optional<Row> row = jdbc.sql("SELECT id, person_id, last_used_at FROM api_token WHERE token_hash = :hash")
			.param("hash", hash(secret))
			.query((rs, n) -> new Row(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
					rs.getObject(3) == null ? null : rs.getLong(3)))
			.optional();
		row.ifPresent(r -> {
			long now = clock.millis();
			if (r.lastUsed() == null || now - r.lastUsed() > 60_000) {
				jdbc.sql("UPDATE api_token SET last_used_at = :now WHERE id = :id")
					.param("now", now)
					.param("id", r.id().toString())
					.update();
			}
		});
		return row.map(Row::person);
	}

	List<Token> list(UUID personId) {
		return jdbc.sql("""
				SELECT id, person_id, name, created_at, last_used_at, issued_by
				  FROM api_token WHERE person_id = :p ORDER BY created_at, id
				""")
			.param("p", personId.toString())
			.query((rs, n) -> new Token(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getString(3),
					Instant.ofEpochMilli(rs.getLong(4)), rs.getObject(5) == null ? null : Instant.ofEpochMilli(rs.getLong(5)),
					rs.getString(6) == null ? null : UUID.fromString(rs.getString(6))))
			.list();
	}

	/** Revokes every token of {@code personId}; answers how many there were. */
	int revokeAll(UUID personId) {
		return jdbc.sql("DELETE FROM api_token WHERE person_id = :p").param("p", personId.toString()).update();
	}

	boolean revoke(UUID personId, UUID tokenId) {
		return jdbc.sql("DELETE FROM api_token WHERE id = :id AND person_id = :p")
			.param("id", tokenId.toString())
			.param("p", personId.toString())
			.update() == 1;
	}

	static String hash(String secret) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
