package org.voxbox.pin;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Caps the PIN checks (validate and set) one person may make per minute, since each costs slow hashes. Kept in
 * memory, per node.
 */
@Component
class PinRateLimit {

	private final ConcurrentHashMap<UUID, long[]> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int perMinute;

	PinRateLimit(Clock clock, PinSettings settings) {
		this.clock = clock;
		this.perMinute = settings.checksPerMinute();
	}

	/** Counts one check for {@code personId}, or throws 429 with Retry-After when the minute's budget is spent. */
	void acquire(UUID personId, Locale locale) {
		long now = clock.millis();
		if (windows.size() > 100_000) {
			windows.clear();
		}
		long[] window = windows.compute(personId,
				(k, w) -> w == null || now - w[0] >= 60_000 ? new long[] { now, 1 } : new long[] { w[0], w[1] + 1 });
		if (window[1] > perMinute) {
			throw PinErrors.busy(locale, (window[0] + 60_000 - now + 999) / 1000);
		}
	}
}
