package org.voxbox.directory;

import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Sign-in passwords, stored only as Argon2id hashes (m=19 MiB, t=2, p=1). Every hash, a check as well as a new
 * password, runs on a pool of {@code voxbox.directory.password-hash-threads} with a queue of
 * {@code password-hash-queue}, so however many sign-ins arrive at once the heap holds at most that many 19 MiB
 * blocks; when the queue is full a hash is refused at once with {@link HashingBusy}. The calling thread waits for
 * its hash. Like the PIN's {@code PinHasher}, but a pool of its own: a sign-in flood must not keep callers on the
 * phone from their PIN check.
 */
@Component
class Passwords implements DisposableBean {

	private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

	private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

	/** A hash of a random password, checked against when an account has none, to even out timing. */
	private final String dummyHash = encoder.encode(generate());

	private final ThreadPoolExecutor pool;

	private final Timer hashes;

	Passwords(DirectorySettings settings, MeterRegistry meters) {
		this.hashes = Timer.builder("voxbox.passwords.hashes")
			.description("Sign-in password hashes (Argon2id), each a check or a new password")
			.register(meters);
		AtomicInteger n = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(settings.passwordHashThreads(), settings.passwordHashThreads(), 0,
				TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.passwordHashQueue()), r -> {
					Thread t = new Thread(r, "password-hash-" + n.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
	}

	/** The hash to store for {@code password}. Blocks for one slow hash; throws {@link HashingBusy}. */
	String hash(String password) {
		return run(() -> encoder.encode(password));
	}

	/** Whether {@code password} matches {@code hash}. Blocks for one slow hash; throws {@link HashingBusy}. */
	boolean matches(String password, String hash) {
		return run(() -> encoder.matches(password, hash));
	}

	/**
	 * Checks {@code password} against a hash that no password has, for an account that has none: the same time and
	 * the same place in the pool as {@link #matches}, and always false.
	 */
	boolean matchesNone(String password) {
		run(() -> encoder.matches(password, dummyHash));
		return false;
	}

	private <T> T run(Callable<T> work) {
		Future<T> result;
		try {
			result = pool.submit(() -> hashes.recordCallable(work));
		}
		catch (RejectedExecutionException full) {
			throw new HashingBusy();
		}
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while hashing a password", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("password hashing failed", ex.getCause());
		}
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

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

	/** Every hashing thread is busy and the queue is full; the caller is asked to retry in a second (503). */
	static final class HashingBusy extends RuntimeException {

		/** What to put in {@code Retry-After}, as for a busy PIN hash or database: the queue moves within seconds. */
		static final int RETRY_AFTER_SECONDS = 1;

		HashingBusy() {
			super("password hashing queue is full", null, false, false);
		}
	}
}
