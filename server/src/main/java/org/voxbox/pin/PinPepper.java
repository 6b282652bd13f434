package org.voxbox.pin;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.voxbox.storage.DataDirectory;

/**
 * The PIN pepper: the server-side key of the HMAC that every PIN verifier is made over. It comes from
 * {@code voxbox.pin.pepper}, else from the data directory's {@code pin-pepper} file, which is generated (and
 * synced to disk) only while no PIN is stored. The database keeps a check value of the pepper, an HMAC of a fixed
 * label, written on first use; at start the pepper must match it. A pepper that is missing or changed while PINs
 * are stored would silently invalidate every PIN, so Voxbox refuses to start instead ({@link WrongPepper}).
 * Resolved once, at start.
 */
@Component
class PinPepper {

	static final String FILE = "pin-pepper";

	private static final String LABEL = "voxbox pin pepper check v1";

	private final byte[] key;

	PinPepper(PinSettings settings, DataDirectory data, JdbcClient jdbc) {
		this.key = resolve(settings.pepper(), data, jdbc);
	}

	/** The pepper's bytes; callers must not change them. */
	byte[] key() {
		return key;
	}

	/**
	 * The pepper to use, checked against the database.
	 *
	 * @throws WrongPepper when PINs are stored and the pepper is missing or is not the one they were made with
	 */
	static byte[] resolve(@Nullable String configured, DataDirectory data, JdbcClient jdbc) {
		Optional<String> stored = storedCheck(jdbc);
		byte[] pepper;
		String source;
		if (configured != null && !configured.isEmpty()) {
			pepper = HexFormat.of().parseHex(configured);
			source = "voxbox.pin.pepper";
		}
		else {
			source = "the file " + data.root().resolve(FILE);
			Optional<byte[]> existing = data.readSecret(FILE);
			if (existing.isPresent()) {
				pepper = existing.get();
			}
			else {
				long pins = storedPins(jdbc);
				if (stored.isPresent() || pins > 0) {
					throw new WrongPepper("The PIN pepper file " + data.root().resolve(FILE) + " is missing, but the database "
							+ "holds " + pins + " PIN verifier(s) made with it. Voxbox will not generate a new pepper, which "
							+ "would make every stored PIN invalid: restore the file from your backup (or set "
							+ "voxbox.pin.pepper / VOXBOX_PIN_PEPPER to its hex value) and start again.");
				}
				pepper = data.secret(FILE, 32);
			}
		}
		String check = check(pepper);
		if (stored.isEmpty()) {
			jdbc.sql("INSERT INTO pin_pepper_check (id, verifier) VALUES (1, :v) ON CONFLICT (id) DO NOTHING")
				.param("v", check)
				.update();
			stored = storedCheck(jdbc); // another node may have been first
		}
		if (!MessageDigest.isEqual(check.getBytes(StandardCharsets.US_ASCII),
				stored.orElseThrow().getBytes(StandardCharsets.US_ASCII))) {
			throw new WrongPepper("The PIN pepper from " + source + " is not the one the stored PINs were made with "
					+ "(its check value in the database, table pin_pepper_check, differs). Every stored PIN would be "
					+ "refused, so Voxbox will not start: restore the pepper from your backup (every node of a cluster "
					+ "needs the same one) and start again.");
		}
		return pepper;
	}

	private static Optional<String> storedCheck(JdbcClient jdbc) {
		return jdbc.sql("SELECT verifier FROM pin_pepper_check WHERE id = 1").query(String.class).optional();
	}

	/** Verifiers made with the pepper: PIN history entries and organisation default PINs. */
	private static long storedPins(JdbcClient jdbc) {
		return jdbc.sql("""
				SELECT (SELECT COUNT(*) FROM pin_history)
				     + (SELECT COUNT(*) FROM pin_policy WHERE default_pin_verifier IS NOT NULL)
				""").query(Long.class).single();
	}

	/** HMAC-SHA256(pepper, fixed label), hex: shows which pepper is in use without revealing it. */
	static String check(byte[] pepper) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The pepper is missing or is not the one the stored PINs were made with; Voxbox must not start. */
	static final class WrongPepper extends IllegalStateException {

		WrongPepper(String message) {
			super(message);
		}
	}
}
