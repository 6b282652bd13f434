package org.voxbox.pin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.voxbox.pinpolicy.PinHistory;

/**
 * A person's PIN history over stored verifiers, without plain text. A candidate is hashed once per distinct
 * salt in the history — the person's own salt, plus the organisation's when the current PIN is the default
 * one — and each hash is remembered for the rest of the check, so a check costs at most three slow hashes
 * (candidate, its reverse, and the default PIN's salt) whatever the history depth.
 */
final class VerifierHistory implements PinHistory {

	private final PinHasher hasher;

	private final String ownSalt;

	private final List<String> verifiers;

	private final boolean mustChange;

	private final @Nullable Instant lastChangedByOwner;

	private final Map<String, String> memo = new HashMap<>();

	private int slowHashes;

	/**
	 * @param verifiers the stored verifiers, newest (the current PIN) first
	 */
	VerifierHistory(PinHasher hasher, String ownSalt, List<String> verifiers, boolean mustChange,
			@Nullable Instant lastChangedByOwner) {
		this.hasher = hasher;
		this.ownSalt = ownSalt;
		this.verifiers = List.copyOf(verifiers);
		this.mustChange = mustChange;
		this.lastChangedByOwner = lastChangedByOwner;
	}

	@Override
	public boolean contains(String candidate, int depth) {
		int n = Math.min(depth, verifiers.size());
		boolean found = false;
		for (int i = 0; i < n; i++) {
			found |= same(hashLike(candidate, verifiers.get(i)), verifiers.get(i));
		}
		return found;
	}

	@Override
	public boolean isCurrent(String candidate) {
		return !verifiers.isEmpty() && same(hashLike(candidate, verifiers.get(0)), verifiers.get(0));
	}

	@Override
	public boolean currentMustChange() {
		return mustChange;
	}

	@Override
	public @Nullable Instant lastChangedByOwner() {
		return lastChangedByOwner;
	}

	/** The verifier to store for {@code pin}: under the person's own salt, reusing the check's hash. */
	String verifierFor(String pin) {
		return memo.computeIfAbsent(hasher.schemeFor(ownSalt) + "|" + pin, k -> {
			slowHashes++;
			return hasher.hash(pin, ownSalt);
		});
	}

	/** How many slow hashes this history has computed so far (for tests and metrics). */
	int slowHashes() {
		return slowHashes;
	}

	private String hashLike(String candidate, String verifier) {
		return memo.computeIfAbsent(PinHasher.scheme(verifier) + "|" + candidate, k -> {
			slowHashes++;
			return hasher.hashLike(candidate, verifier);
		});
	}

	private static boolean same(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}
}
