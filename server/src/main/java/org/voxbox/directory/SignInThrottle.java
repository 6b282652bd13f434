package org.voxbox.directory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing. Before a password is hashed, an attempt is reserved for its account and, on sign-in,
 * for the client's address: an account with {@code voxbox.directory.sign-in-failures} (5) failures, or an address
 * with {@code sign-in-address-failures} (20), within {@code sign-in-window-minutes} (15) of its latest attempt is
 * refused without hashing ({@link Throttled}) until that window has passed. Since the attempt counts before the
 * slow hash, a parallel burst gets no more than the limit through. A right password clears its account's count and
 * gives the address its attempt back; a hash that never ran (the pool was full) gives both back.
 * <p>
 * Kept in memory, per node, in two maps (accounts, addresses) of at most {@code sign-in-throttle-entries} each: an
 * entry lapses a window after its latest attempt, and a full map forgets its least recently used entry, one at a
 * time, never all at once. Thread-safe; each map is guarded by its own lock, held for no I/O.
 */
@Component
class SignInThrottle {

	private final Clock clock;

	private final long windowMillis;

	private final Counts accounts;

	private final Counts addresses;

	@Autowired
	SignInThrottle(Clock clock, DirectorySettings settings) {
		this(clock, settings.signInFailures(), settings.signInAddressFailures(), settings.signInWindowMinutes() * 60_000L,
				settings.signInThrottleEntries());
	}

	/** Limits in attempts, the window in milliseconds, and the most entries each map keeps. */
	SignInThrottle(Clock clock, int accountLimit, int addressLimit, long windowMillis, int entries) {
		this.clock = clock;
		this.windowMillis = windowMillis;
		this.accounts = new Counts(accountLimit, entries);
		this.addresses = new Counts(addressLimit, entries);
	}

	/**
	 * Reserves one attempt for {@code account} (a normalised email) and, when not null, for the client address
	 * {@code address} (an IP literal, as the servlet container reports it).
	 *
	 * @throws Throttled when either has used up its attempts; then nothing is reserved
	 */
	Attempt reserve(String account, @Nullable String address) {
		long now = clock.millis();
		String addressKey = address == null ? null : addressKey(address);
		if (addressKey != null) {
			long wait = addresses.reserve(addressKey, now);
			if (wait > 0) {
				throw new Throttled(wait);
			}
		}
		long wait = accounts.reserve(account, now);
		if (wait > 0) {
			if (addressKey != null) {
				addresses.release(addressKey);
			}
			throw new Throttled(wait);
		}
		return new Attempt(account, addressKey);
	}

	/** An attempt that has been counted; its outcome decides what stays counted. Use exactly one method once. */
	final class Attempt {

		private final String account;

		private final @Nullable String addressKey;

		private Attempt(String account, @Nullable String addressKey) {
			this.account = account;
			this.addressKey = addressKey;
		}

		/** The password was right: the account starts afresh, and the address gets its attempt back. */
		void succeeded() {
			accounts.forget(account);
			if (addressKey != null) {
				addresses.release(addressKey);
			}
		}

		/** The password was wrong: the attempt stays counted. */
		void failed() {
		}

		/** No password was checked (the hashing pool was full): the attempt is given back. */
		void notMade() {
			accounts.release(account);
			if (addressKey != null) {
				addresses.release(addressKey);
			}
		}
	}

	/**
	 * The key an address is counted under: an IPv4 address itself, an IPv6 address by its /64, the smallest network
	 * one client is commonly given (else each of its 2^64 addresses would have a budget of its own).
	 */
	static String addressKey(String address) {
		String literal = address.replaceFirst("%.*$", ""); // an IPv6 scope names an interface, not a client
		if (literal.indexOf(':') < 0 || !literal.matches("[0-9a-fA-F.:]+")) {
			return address;
		}
		try {
			// An IP literal: parsed, never looked up.
			InetAddress parsed = InetAddress.getByName(literal);
			byte[] bytes = parsed.getAddress();
			if (bytes.length != 16) {
				return parsed.getHostAddress(); // IPv4-mapped
			}
			return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
		}
		catch (UnknownHostException notALiteral) {
			return address;
		}
	}

	/** One kind of key's counts: a map in least-recently-used order, bounded, whose entries lapse. */
	private final class Counts {

		private final int limit;

		private final LinkedHashMap<String, Count> map;

		Counts(int limit, int entries) {
			this.limit = limit;
			this.map = new LinkedHashMap<>(16, 0.75f, true) {

				@Override
				protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
					return size() > entries;
				}
			};
		}

		/** Counts an attempt for {@code key} and answers 0, or answers the seconds until it may try again. */
		synchronized long reserve(String key, long now) {
			dropLapsed(now);
			Count count = map.get(key);
			if (count != null && now - count.latest >= windowMillis) {
				map.remove(key);
				count = null;
			}
			if (count == null) {
				map.put(key, new Count(now));
				return 0;
			}
			if (count.attempts >= limit) {
				return Math.max(1, (windowMillis - (now - count.latest) + 999) / 1000);
			}
			count.attempts++;
			count.latest = now;
			return 0;
		}

		synchronized void release(String key) {
			Count count = map.get(key);
			if (count != null && --count.attempts <= 0) {
				map.remove(key);
			}
		}

		synchronized void forget(String key) {
			map.remove(key);
		}

		/** Drops lapsed entries from the least recently used end, a few at a time, so the map holds mostly live ones. */
		private void dropLapsed(long now) {
			Iterator<Count> eldest = map.values().iterator();
			for (int i = 0; i < 4 && eldest.hasNext(); i++) {
				if (now - eldest.next().latest < windowMillis) {
					return;
				}
				eldest.remove();
			}
		}
	}

	private static final class Count {

		int attempts = 1;

		long latest;

		Count(long now) {
			this.latest = now;
		}
	}

	/** Too many failed passwords for the account or the address; try again after {@link #retryAfterSeconds}. */
	static final class Throttled extends RuntimeException {

		private final long retryAfterSeconds;

		Throttled(long retryAfterSeconds) {
			super("too many failed passwords", null, false, false);
			this.retryAfterSeconds = retryAfterSeconds;
		}

		long retryAfterSeconds() {
			return retryAfterSeconds;
		}
	}
}
