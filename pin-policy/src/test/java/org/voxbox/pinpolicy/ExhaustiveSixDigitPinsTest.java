package org.voxbox.pinpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every one of the 1,000,000 six-digit PINs, for one fixed owner (Jan Jansen, extension 4721,
 * +31 20 123 4567) and one history (twelve earlier PINs, last changed by the owner an hour ago).
 */
class ExhaustiveSixDigitPinsTest {

	private static final int ALL = 1_000_000;

	/** Twelve PINs, newest first: the default depth of 10 reaches the first ten only. */
	private static final List<String> EARLIER_PINS = List.of(
			"720394", "604937", "318270", "946051", "270418", "859302", "413096", "082741", "596028", "730614",
			"164850", "287305");

	private static final PinOwner OWNER = Fixtures.janJansenWithExtensionAndPhone();
	private static final PinHistory HISTORY =
			new PlainTextHistory(EARLIER_PINS, false, Fixtures.NOW.minus(Duration.ofHours(1)));

	/**
	 * How many six-digit PINs each rule refuses: the rules 5–12 under the default policy, the
	 * opt-in rules each switched on alone with their defaults. Pinned: a change here is a change
	 * of a rule's meaning, to be made on purpose.
	 */
	private static final Map<PinRule, Integer> PINNED_COUNTS = pinnedCounts();

	private static Map<PinRule, Integer> pinnedCounts() {
		Map<PinRule, Integer> counts = new EnumMap<>(PinRule.class);
		counts.put(PinRule.NOT_DIGITS, 0);
		counts.put(PinRule.TOO_SHORT, 0);
		counts.put(PinRule.TOO_LONG, 0);
		counts.put(PinRule.CONFIRMATION_MISMATCH, 0);
		counts.put(PinRule.IN_HISTORY, 10);
		counts.put(PinRule.REVERSE_OF_CURRENT, 1);
		counts.put(PinRule.MATCHES_NAME, 1);
		counts.put(PinRule.CONTAINS_OWN_NUMBER, 300);
		counts.put(PinRule.REPEATED_DIGITS, 36_910);
		counts.put(PinRule.REPEATED_GROUP, 26_190);
		counts.put(PinRule.SEQUENCE, 20);
		counts.put(PinRule.KEYPAD_LINE, 70_240);
		counts.put(PinRule.CONTAINS_REVERSED_NUMBER, 300);
		counts.put(PinRule.TOO_FEW_DISTINCT_DIGITS, 2_800);
		counts.put(PinRule.ASCENDING_RUN, 2_800);
		counts.put(PinRule.DESCENDING_RUN, 2_800);
		counts.put(PinRule.CHANGED_TOO_RECENTLY, ALL);
		return counts;
	}

	/** PINs the default policy accepts. Pinned like the counts above. */
	private static final int PINNED_ACCEPTED_BY_DEFAULT = 868_653;

	private static final String[] PINS = new String[ALL];
	private static final Map<PinPolicy, int[]> VIOLATIONS = new HashMap<>();

	@BeforeAll
	static void writeEveryPin() {
		char[] digits = new char[6];
		for (int pin = 0; pin < ALL; pin++) {
			int rest = pin;
			for (int i = 5; i >= 0; i--) {
				digits[i] = (char) ('0' + rest % 10);
				rest /= 10;
			}
			PINS[pin] = new String(digits);
		}
	}

	/**
	 * The violations of every PIN under the policy, as bit sets of rule ordinals; computed once per
	 * policy, on all cores (one checker shared by the threads, as the server shares it).
	 */
	private static int[] violations(PinPolicy policy) {
		return VIOLATIONS.computeIfAbsent(policy, p -> {
			PinChecker checker = new PinChecker(p);
			int[] found = new int[ALL];
			IntStream.range(0, ALL).parallel().forEach(pin ->
					found[pin] = bits(PINS[pin], checker.check(PINS[pin], null, OWNER, HISTORY, Fixtures.NOW)));
			return found;
		});
	}

	/** The violations as a bit set, failing if they are not distinct and in report order. */
	private static int bits(String pin, PinCheck check) {
		int bits = 0;
		int lastCode = 0;
		for (PinRule rule : check.violations()) {
			if (rule.errorCode() <= lastCode) {
				fail("violations of " + pin + " out of order or repeated: " + check.violations());
			}
			lastCode = rule.errorCode();
			bits |= 1 << rule.ordinal();
		}
		return bits;
	}

	private static int bit(PinRule rule) {
		return 1 << rule.ordinal();
	}

	static Stream<PinRule> switchableRules() {
		return Stream.of(PinRule.values()).filter(rule -> !rule.alwaysOn());
	}

	/** The default policy with only this opt-in rule switched on, or the default policy for a default rule. */
	private static PinPolicy policyThatChecks(PinRule rule) {
		return rule.optIn() ? PinPolicy.defaults().withRule(rule, true) : PinPolicy.defaults();
	}

	@ParameterizedTest
	@MethodSource("switchableRules")
	void reportsCodesInTableOrderWithoutDuplicates(PinRule rule) {
		int[] found = violations(policyThatChecks(rule));
		assertThat(found).hasSize(ALL);
	}

	@ParameterizedTest
	@MethodSource("switchableRules")
	void switchingARuleOffRemovesThatRuleAndNothingElse(PinRule rule) {
		int[] on = violations(PinPolicy.defaults().withRule(rule, true));
		int[] off = violations(PinPolicy.defaults().withRule(rule, false));
		int[] defaults = violations(PinPolicy.defaults());
		for (int pin = 0; pin < ALL; pin++) {
			if (off[pin] != (on[pin] & ~bit(rule))) {
				fail(PINS[pin] + " with " + rule + " off: " + rules(off[pin]) + ", on: " + rules(on[pin]));
			}
			if (defaults[pin] == 0 && (off[pin] != 0)) {
				fail(PINS[pin] + " accepted by default but refused with " + rule + " off: " + rules(off[pin]));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("switchableRules")
	void refusesThePinnedNumberOfPinsPerRule(PinRule rule) {
		assertThat(count(violations(policyThatChecks(rule)), rule)).as(rule.name()).isEqualTo(PINNED_COUNTS.get(rule));
	}

	@Test
	void rulesOneToFourRefuseNoSixDigitPinWithoutConfirmation() {
		int[] found = violations(PinPolicy.defaults());
		for (PinRule rule : List.of(PinRule.NOT_DIGITS, PinRule.TOO_SHORT, PinRule.TOO_LONG,
				PinRule.CONFIRMATION_MISMATCH)) {
			assertThat(count(found, rule)).as(rule.name()).isZero();
		}
	}

	@Test
	void acceptsThePinnedNumberOfPinsByDefault() {
		int accepted = 0;
		for (int bits : violations(PinPolicy.defaults())) {
			if (bits == 0) {
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(PINNED_ACCEPTED_BY_DEFAULT);
	}

	@Test
	void agreesWithAnIndependentOracleOnEveryPin() {
		Map<PinRule, Predicate<String>> oracles = oracles();
		Map<PinRule, Integer> oracleCounts = new EnumMap<>(PinRule.class);
		for (Map.Entry<PinRule, Predicate<String>> oracle : oracles.entrySet()) {
			PinRule rule = oracle.getKey();
			Predicate<String> refuses = oracle.getValue();
			int[] found = violations(policyThatChecks(rule));
			int refused = (int) IntStream.range(0, ALL).parallel().filter(pin -> {
				boolean expected = refuses.test(PINS[pin]);
				if (expected != ((found[pin] & bit(rule)) != 0)) {
					fail(rule + " disagrees with the oracle on " + PINS[pin] + ": " + rules(found[pin]));
				}
				return expected;
			}).count();
			oracleCounts.put(rule, refused);
		}
		for (PinRule rule : oracles.keySet()) {
			assertThat(oracleCounts.get(rule)).as(rule.name()).isEqualTo(PINNED_COUNTS.get(rule));
		}
	}

	/**
	 * Each rule restated in a deliberately different style from the checker: regular expressions,
	 * sets, streams. Thread-safe, as the PINs are judged in parallel.
	 */
	private static Map<PinRule, Predicate<String>> oracles() {
		Map<PinRule, Predicate<String>> oracles = new EnumMap<>(PinRule.class);
		Set<String> lastTen = new HashSet<>(EARLIER_PINS.subList(0, 10));
		oracles.put(PinRule.IN_HISTORY, lastTen::contains);
		oracles.put(PinRule.REVERSE_OF_CURRENT, pin -> new StringBuilder(pin).reverse().toString().equals("720394"));
		oracles.put(PinRule.MATCHES_NAME, "526736"::equals);
		oracles.put(PinRule.CONTAINS_OWN_NUMBER, pin -> pin.contains("4721"));
		oracles.put(PinRule.CONTAINS_REVERSED_NUMBER, pin -> new StringBuilder(pin).reverse().toString().contains("4721"));
		oracles.put(PinRule.REPEATED_DIGITS, finds("(\\d)\\1{2,}"));
		// a group that starts with a maximal run of one digit, then has another digit: never all one digit
		oracles.put(PinRule.REPEATED_GROUP, finds("((\\d)\\2*+(?!\\2)\\d\\d*)\\1"));
		oracles.put(PinRule.SEQUENCE, sixDigitSequences()::contains);
		oracles.put(PinRule.KEYPAD_LINE, finds("123|321|456|654|789|987|147|741|258|852|580|085|369|963|159|951|357|753"));
		oracles.put(PinRule.TOO_FEW_DISTINCT_DIGITS, pin -> "0123456789".chars().filter(d -> pin.indexOf(d) >= 0).count() < 3);
		oracles.put(PinRule.ASCENDING_RUN, finds(String.join("|", runsOfFour(1))));
		oracles.put(PinRule.DESCENDING_RUN, finds(String.join("|", runsOfFour(-1))));
		oracles.put(PinRule.CHANGED_TOO_RECENTLY, pin -> true);
		return oracles;
	}

	private static Predicate<String> finds(String regex) {
		Pattern pattern = Pattern.compile(regex);
		return pin -> pattern.matcher(pin).find();
	}

	private static Set<String> sixDigitSequences() {
		Set<String> sequences = new HashSet<>();
		for (int start = 0; start < 10; start++) {
			StringBuilder up = new StringBuilder();
			StringBuilder down = new StringBuilder();
			for (int k = 0; k < 6; k++) {
				up.append(Math.floorMod(start + k, 10));
				down.append(Math.floorMod(start - k, 10));
			}
			sequences.add(up.toString());
			sequences.add(down.toString());
		}
		return sequences;
	}

	private static List<String> runsOfFour(int step) {
		List<String> runs = new ArrayList<>();
		for (int start = 0; start < 10; start++) {
			StringBuilder run = new StringBuilder();
			for (int k = 0; k < 4; k++) {
				run.append(Math.floorMod(start + step * k, 10));
			}
			runs.add(run.toString());
		}
		return runs;
	}

	private static int count(int[] found, PinRule rule) {
		int count = 0;
		for (int bits : found) {
			if ((bits & bit(rule)) != 0) {
				count++;
			}
		}
		return count;
	}

	private static List<PinRule> rules(int bits) {
		return Stream.of(PinRule.values()).filter(rule -> (bits & bit(rule)) != 0).toList();
	}
}
