package org.voxbox.directory;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after 5 failed passwords for one account within 15 minutes, that account's
 * password sign-ins are refused (429 on the API) until the window has passed; after 20 failures from one
 * address, that address's. Kept in memory, per node.
 */
@Component
class SignInThrottle {

	static final int MAX_FAILURES = 5;

	static final int MAX_ADDRESS_FAILURES = 20;

	static final long WINDOW_MILLIS = 15 * 60_000;

	private final ConcurrentHashMap<String, long[]> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	SignInThrottle(Clock clock) {
		this.clock = clock;
	}

	boolean allows(String account) {
		return allows(account, MAX_FAILURES);
	}

	boolean allowsAddress(String addressKey) {
		return allows(addressKey, MAX_ADDRESS_FAILURES);
	}

	private boolean allows(String key, int max) {
		long[] f = failures.get(key);
		return f == null || f[0] < max || clock.millis() - f[1] > WINDOW_MILLIS;
	}

	void recordAddress(String addressKey, boolean success) {
		if (!success) {
			record(addressKey, false);
		}
	}

	long retryAfterSeconds(String account) {
		long[] f = failures.get(account);
		return f == null ? 0 : Math.max(1, (WINDOW_MILLIS - (clock.millis() - f[1])) / 1000);
	}

	void record(String account, boolean success) {
		if (success) {
			failures.remove(account);
			return;
		}
		if (failures.size() > 100_000) {
			failures.clear();
		}
		long now = clock.millis();
		failures.compute(account, (k, f) -> f == null || now - f[1] > WINDOW_MILLIS ? new long[] { 1, now }
				: new long[] { f[0] + 1, now });
	}
}
