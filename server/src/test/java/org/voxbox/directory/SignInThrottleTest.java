package org.voxbox.directory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.voxbox.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sign-in throttle's counting on its own: plain objects, a clock the test moves. */
class SignInThrottleTest {

	private static final long WINDOW = Duration.ofMinutes(15).toMillis();

	private final MutableClock clock = new MutableClock();

	@Test
	void parallelReservationsForOneAccountNeverExceedTheLimit() throws Exception {
		SignInThrottle throttle = new SignInThrottle(clock, 5, 1000, WINDOW, 100);
		ExecutorService threads = Executors.newFixedThreadPool(50);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> tries = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				tries.add(threads.submit(() -> {
					start.await();
					try {
						throttle.reserve("ann@example.com", null).failed();
						return true;
					}
					catch (SignInThrottle.Throttled refused) {
						return false;
					}
				}));
			}
			start.countDown();
			int reserved = 0;
			for (Future<Boolean> t : tries) {
				reserved += t.get(1, TimeUnit.MINUTES) ? 1 : 0;
			}
			assertThat(reserved).isEqualTo(5);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aFullMapForgetsItsLeastRecentlyUsedEntryNotAll() {
		SignInThrottle throttle = new SignInThrottle(clock, 2, 1000, WINDOW, 3);
		failTwice(throttle, "target@example.com");
		throttle.reserve("b@example.com", null).failed();
		throttle.reserve("c@example.com", null).failed();
		assertThrottled(throttle, "target@example.com"); // the attacker keeps at it, so it stays recently used

		throttle.reserve("d@example.com", null).failed(); // the map is full: b, the least recently used, goes
		throttle.reserve("e@example.com", null).failed(); // then c

		assertThrottled(throttle, "target@example.com");
		throttle.reserve("b@example.com", null).failed();
		throttle.reserve("b@example.com", null).failed(); // b started afresh: its first count was forgotten
		assertThrottled(throttle, "b@example.com");
	}

	@Test
	void anAccountIsRefusedUntilAWindowAfterItsLatestFailure() {
		SignInThrottle throttle = new SignInThrottle(clock, 2, 1000, WINDOW, 100);
		throttle.reserve("ann@example.com", null).failed();
		clock.advance(Duration.ofMinutes(10));
		throttle.reserve("ann@example.com", null).failed();

		clock.advance(Duration.ofMinutes(14));
		assertThatThrownBy(() -> throttle.reserve("ann@example.com", null))
			.isInstanceOfSatisfying(SignInThrottle.Throttled.class, t -> assertThat(t.retryAfterSeconds()).isEqualTo(60));

		clock.advance(Duration.ofMinutes(1));
		throttle.reserve("ann@example.com", null).failed();
	}

	@Test
	void aRightPasswordClearsTheAccountAndGivesTheAddressItsAttemptBack() {
		SignInThrottle throttle = new SignInThrottle(clock, 2, 2, WINDOW, 100);
		throttle.reserve("ann@example.com", "192.0.2.1").failed();

		throttle.reserve("ann@example.com", "192.0.2.1").succeeded();

		failTwice(throttle, "ann@example.com"); // afresh; from no address
		throttle.reserve("bob@example.com", "192.0.2.1").failed(); // the address's second failure
		assertThatThrownBy(() -> throttle.reserve("cas@example.com", "192.0.2.1"))
			.isInstanceOf(SignInThrottle.Throttled.class);
	}

	@Test
	void anAttemptWhoseHashNeverRanIsGivenBack() {
		SignInThrottle throttle = new SignInThrottle(clock, 1, 1, WINDOW, 100);

		throttle.reserve("ann@example.com", "192.0.2.1").notMade();

		throttle.reserve("ann@example.com", "192.0.2.1").failed();
		assertThrottled(throttle, "ann@example.com");
	}

	@Test
	void aThrottledAccountTakesNoAttemptFromTheAddress() {
		SignInThrottle throttle = new SignInThrottle(clock, 1, 2, WINDOW, 100);
		throttle.reserve("ann@example.com", "192.0.2.1").failed();

		assertThatThrownBy(() -> throttle.reserve("ann@example.com", "192.0.2.1")).isInstanceOf(SignInThrottle.Throttled.class);

		throttle.reserve("bob@example.com", "192.0.2.1").failed(); // the address's second, not its third
		assertThatThrownBy(() -> throttle.reserve("cas@example.com", "192.0.2.1")).isInstanceOf(SignInThrottle.Throttled.class);
	}

	@Test
	void anIpv6ClientCountsByItsSlash64() {
		assertThat(SignInThrottle.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
			.isEqualTo(SignInThrottle.addressKey("2001:db8:1:2::1"))
			.isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(SignInThrottle.addressKey("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3:0:0:0:0/64");
		assertThat(SignInThrottle.addressKey("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
		assertThat(SignInThrottle.addressKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
		assertThat(SignInThrottle.addressKey("192.0.2.7")).isEqualTo("192.0.2.7");
	}

	private static void failTwice(SignInThrottle throttle, String account) {
		throttle.reserve(account, null).failed();
		throttle.reserve(account, null).failed();
	}

	private static void assertThrottled(SignInThrottle throttle, String account) {
		assertThatThrownBy(() -> throttle.reserve(account, null)).as(account).isInstanceOf(SignInThrottle.Throttled.class);
	}
}
