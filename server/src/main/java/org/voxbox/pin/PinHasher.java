package org.voxbox.pin;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The slow part of PIN storage: a verifier is Argon2id (memory-hard) over HMAC-SHA256(pepper, PIN), written as
 * a PHC string {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. Hashing runs on a small bounded pool so that
 * PIN work queues instead of starving everything else; when the queue is full the caller is told to retry.
 */
@Component
class PinHasher implements DisposableBean {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

	private static final Base64.Decoder B64D = Base64.getDecoder();

	private final byte[] pepper;

	private final int memoryKib;

	private final int iterations;

	private final ThreadPoolExecutor pool;

	private final Timer hashes;

	PinHasher(PinSettings settings, PinPepper pepper, MeterRegistry meters) {
		this.hashes = Timer.builder("voxbox.pin.hashes")
			.description("Slow PIN hashes (Argon2id), each one verification's worth of CPU")
			.register(meters);
		this.pepper = pepper.key();
		this.memoryKib = settings.hashMemoryKib();
		this.iterations = settings.hashIterations();
		AtomicInteger n = new AtomicInteger();
		this.pool = new ThreadPoolExecutor(settings.hashThreads(), settings.hashThreads(), 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(settings.hashQueue()), r -> {
					Thread t = new Thread(r, "pin-hash-" + n.incrementAndGet());
					t.setDaemon(true);
					return t;
				});
	}

	/** A fresh random salt for a person or an organisation default PIN. */
	static String newSalt() {
		byte[] salt = new byte[16];
		RANDOM.nextBytes(salt);
		return B64.encodeToString(salt);
	}

	/** The verifier of {@code pin} under {@code salt} with the current parameters. Blocks for one slow hash. */
	String hash(String pin, String salt) {
		return hash(pin, salt, memoryKib, iterations, 1);
	}

	/** Whether {@code pin} matches {@code verifier}, using the verifier's own salt and parameters. */
	boolean matches(String pin, String verifier) {
		Phc phc = Phc.parse(verifier);
		String computed = hash(pin, phc.salt(), phc.memoryKib(), phc.iterations(), phc.parallelism());
		return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), verifier.getBytes(StandardCharsets.US_ASCII));
	}

	/** The part of a verifier that decides how to hash a candidate to compare with it. */
	static String scheme(String verifier) {
		return verifier.substring(0, verifier.lastIndexOf('$'));
	}

	/** The scheme part ({@link #scheme}) of verifiers this hasher makes now under {@code salt}. */
	String schemeFor(String salt) {
		return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=1$" + salt;
	}

	/** Hashes {@code pin} the way {@code verifier} was made (same salt and parameters). */
	String hashLike(String pin, String verifier) {
		Phc phc = Phc.parse(verifier);
		return hash(pin, phc.salt(), phc.memoryKib(), phc.iterations(), phc.parallelism());
	}

	private String hash(String pin, String salt, int memory, int passes, int parallelism) {
		byte[] saltBytes = B64D.decode(salt);
		Future<byte[]> result;
		try {
			Supplier<byte[]> work = () -> argon2(hmac(pin), saltBytes, memory, passes, parallelism);
			result = pool.submit(() -> hashes.record(work));
		}
		catch (RejectedExecutionException full) {
			throw new HashingBusy();
		}
		try {
			byte[] out = result.get();
			return "$argon2id$v=19$m=" + memory + ",t=" + passes + ",p=" + parallelism + "$" + salt + "$" + B64.encodeToString(out);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while hashing", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("hashing failed", ex.getCause());
		}
	}

	private byte[] hmac(String pin) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
			return mac.doFinal(pin.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] argon2(byte[] input, byte[] salt, int memory, int passes, int parallelism) {
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withSalt(salt)
			.withMemoryAsKB(memory)
			.withIterations(passes)
			.withParallelism(parallelism)
			.build());
		byte[] out = new byte[32];
		generator.generateBytes(input, out);
		return out;
	}

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

	/** The parts of a PHC string. */
	private record Phc(int memoryKib, int iterations, int parallelism, String salt) {

		static Phc parse(String verifier) {
			String[] parts = verifier.split("\\$");
			// "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
			if (parts.length != 6 || !parts[1].equals("argon2id")) {
				throw new IllegalStateException("not an argon2id verifier");
			}
			int m = 0, t = 0, p = 0;
			for (String kv : parts[3].split(",")) {
				int v = Integer.parseInt(kv.substring(2));
				switch (kv.charAt(0)) {
					case 'm' -> m = v;
					case 't' -> t = v;
					case 'p' -> p = v;
					default -> throw new IllegalStateException("unknown argon2 parameter");
				}
			}
			return new Phc(m, t, p, parts[4]);
		}
	}

	/** The hashing queue is full; the caller is asked to retry shortly (429). */
	static final class HashingBusy extends RuntimeException {

		HashingBusy() {
			super("PIN hashing queue is full", null, false, false);
		}
	}
}
