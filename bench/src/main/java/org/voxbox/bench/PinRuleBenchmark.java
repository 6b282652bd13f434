package org.voxbox.bench;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.voxbox.pinpolicy.PinCheck;
import org.voxbox.pinpolicy.PinChecker;
import org.voxbox.pinpolicy.PinHistory;
import org.voxbox.pinpolicy.PinOwner;
import org.voxbox.pinpolicy.PinPolicy;
import org.voxbox.pinpolicy.PinRule;

/**
 * Average time of one {@link PinChecker#check} of a six-digit PIN, cycling through 1,024
 * precomputed PINs (about one in eight refused by the default policy). The target is at most
 * 2 µs per check with the default policy and a history that answers at once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PinRuleBenchmark {

	private static final int PIN_COUNT = 1024;
	private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	/** PINs that break a rule for the owner below, mixed in among random ones. */
	private static final String[] REFUSED = {
		"012345", "987654", "890123", "228883", "121212", "408408", "551212", "914725", "280852", "947210",
		"526736", "111111", "123123", "000000", "147258", "112233",
	};

	private final PinOwner owner = new PinOwner("Jan", "Jansen", "4721", "+31201234567");
	private final PinHistory answersAtOnce = new NoOpHistory();
	private final String[] pins = new String[PIN_COUNT];
	private int next;

	private PinChecker defaults;
	private PinChecker allRules;
	private PinChecker onlyRepeatedGroup;
	private PinChecker onlyKeypadLine;
	private PinChecker onlyOwnNumber;
	private PinChecker onlyName;

	@Setup
	public void setUp() {
		SplittableRandom random = new SplittableRandom(2025);
		for (int i = 0; i < PIN_COUNT; i++) {
			pins[i] = i % 8 == 0
					? REFUSED[(i / 8) % REFUSED.length]
					: String.format("%06d", random.nextInt(1_000_000));
		}
		PinPolicy policy = PinPolicy.defaults();
		defaults = new PinChecker(policy);
		PinPolicy all = policy;
		PinPolicy none = policy;
		for (PinRule rule : PinRule.values()) {
			if (!rule.alwaysOn()) {
				all = all.withRule(rule, true);
				none = none.withRule(rule, false);
			}
		}
		allRules = new PinChecker(all);
		onlyRepeatedGroup = new PinChecker(none.withRule(PinRule.REPEATED_GROUP, true));
		onlyKeypadLine = new PinChecker(none.withRule(PinRule.KEYPAD_LINE, true));
		onlyOwnNumber = new PinChecker(none.withRule(PinRule.CONTAINS_OWN_NUMBER, true));
		onlyName = new PinChecker(none.withRule(PinRule.MATCHES_NAME, true));
	}

	private String nextPin() {
		return pins[next++ & (PIN_COUNT - 1)];
	}

	/** The default policy with a history that is asked (and answers at once): the headline number. */
	@Benchmark
	public PinCheck defaultPolicy() {
		return defaults.check(nextPin(), null, owner, answersAtOnce, NOW);
	}

	/** The default policy with a confirmation, as the portal and the API check. */
	@Benchmark
	public PinCheck defaultPolicyWithConfirmation() {
		String pin = nextPin();
		return defaults.check(pin, pin, owner, answersAtOnce, NOW);
	}

	/** The default policy for someone without a PIN yet: no history questions at all. */
	@Benchmark
	public PinCheck defaultPolicyWithoutHistory() {
		return defaults.check(nextPin(), null, owner, PinHistory.none(), NOW);
	}

	/** Every switchable rule on, the opt-ins included. */
	@Benchmark
	public PinCheck allRulesOn() {
		return allRules.check(nextPin(), null, owner, answersAtOnce, NOW);
	}

	@Benchmark
	public PinCheck repeatedGroupOnly() {
		return onlyRepeatedGroup.check(nextPin(), null, owner, answersAtOnce, NOW);
	}

	@Benchmark
	public PinCheck keypadLineOnly() {
		return onlyKeypadLine.check(nextPin(), null, owner, answersAtOnce, NOW);
	}

	@Benchmark
	public PinCheck containsOwnNumberOnly() {
		return onlyOwnNumber.check(nextPin(), null, owner, answersAtOnce, NOW);
	}

	@Benchmark
	public PinCheck matchesNameOnly() {
		return onlyName.check(nextPin(), null, owner, answersAtOnce, NOW);
	}

	/** A history with a current PIN that matches nothing, answering without hashing. */
	private static final class NoOpHistory implements PinHistory {
		@Override
		public boolean contains(String candidate, int depth) {
			return false;
		}

		@Override
		public boolean isCurrent(String candidate) {
			return false;
		}

		@Override
		public boolean currentMustChange() {
			return false;
		}

		@Override
		public @Nullable Instant lastChangedByOwner() {
			return null;
		}
	}
}
