package org.voxbox.pin;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Caps PIN work, kept in memory, per node. Three budgets, each a fixed window on the injected clock:
 * <ul>
 * <li>checks (validate and set) per minute against one <em>target</em> mailbox, whoever makes them: this is what
 * protects a mailbox from guessing ({@code checksPerMinute});</li>
 * <li>checks per minute by one <em>actor</em>: a person checking their own PIN is covered by the first budget; an
 * administrator acting for others gets the much higher {@code adminChecksPerMinute}, so provisioning many people
 * is not throttled like a guessing attacker;</li>
 * <li>submits per hour against one target ({@code submitsPerHour}): only a submit answers the rules that need the
 * stored PINs ({@code IN_HISTORY}, {@code REVERSE_OF_CURRENT}), so this caps how fast anyone holding a session can
 * probe the current and earlier PINs.</li>
 * </ul>
 * Thread-safe.
 */
@Component
class PinRateLimit {

	private static final long MINUTE = 60_000;

	private static final long HOUR = 3_600_000;

	private enum Kind {
		TARGET_CHECKS, ADMIN_CHECKS, TARGET_SUBMITS
	}

	private record Key(Kind kind, UUID id) {
	}

	private final ConcurrentHashMap<Key, long[]> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	private final int perMinute;

	private final int adminPerMinute;

	private final int submitsPerHour;

	PinRateLimit(Clock clock, PinSettings settings) {
		this.clock = clock;
		this.perMinute = settings.checksPerMinute();
		this.adminPerMinute = settings.adminChecksPerMinute();
		this.submitsPerHour = settings.submitsPerHour();
	}

	/**
	 * Counts one check of {@code target}'s PIN made by {@code actor}, or throws 429 with Retry-After when a
	 * minute's budget is spent. An actor other than the target is an administrator (the callers make sure).
	 */
	void acquire(UUID actor, UUID target, Locale locale) {
		count(new Key(Kind.TARGET_CHECKS, target), perMinute, MINUTE, locale);
		if (!actor.equals(target)) {
			count(new Key(Kind.ADMIN_CHECKS, actor), adminPerMinute, MINUTE, locale);
		}
	}

	/** Counts one submit against {@code target}'s stored PINs, or throws 429 with Retry-After past the hour's budget. */
	void acquireSubmit(UUID target, Locale locale) {
		count(new Key(Kind.TARGET_SUBMITS, target), submitsPerHour, HOUR, locale);
	}

	private void count(Key key, int limit, long windowMillis, Locale locale) {
		long now = clock.millis();
		if (windows.size() > 100_000) {
			windows.clear();
		}
		long[] window = windows.compute(key,
				(k, w) -> w == null || now - w[0] >= windowMillis ? new long[] { now, 1 } : new long[] { w[0], w[1] + 1 });
		if (window[1] > limit) {
			throw PinErrors.busy(locale, (window[0] + windowMillis - now + 999) / 1000);
		}
	}
}
