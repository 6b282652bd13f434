package org.voxbox.directory;

import java.security.SecureRandom;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/** Sign-in passwords, stored only as Argon2id hashes (m=19 MiB, t=2, p=1). */
@Component
class Passwords {

	private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

	/** A hash of a random password, checked against when an account has none, to even out timing. */
	static final String DUMMY_HASH = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode(generate());

	String hash(String password) {
		return encoder.encode(password);
	}

	boolean matches(String password, String hash) {
		return encoder.matches(password, hash);
	}

	/** A random password of 20 characters from an alphabet without look-alikes (about 116 bits). */
	static String generate() {
		SecureRandom random = new SecureRandom();
		StringBuilder out = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
		}
		return out.toString();
	}
}
