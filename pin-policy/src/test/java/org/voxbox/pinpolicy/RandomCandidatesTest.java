package org.voxbox.pinpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxbox.pinpolicy.Fixtures.NOW;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Seeded random candidates: the same 100,000 cases on every run. */
class RandomCandidatesTest {

	private static final long SEED = 0x5EED_2025_0601L;
	private static final PinOwner OWNER = Fixtures.janJansenWithExtensionAndPhone();

	private static final Pattern REPEATED_DIGITS = Pattern.compile("(\\d)\\1{2,}");
	private static final Pattern REPEATED_GROUP = Pattern.compile("((\\d)\\2*+(?!\\2)\\d\\d*)\\1");
	private static final Pattern KEYPAD_LINE =
			Pattern.compile("123|321|456|654|789|987|147|741|258|852|580|085|369|963|159|951|357|753");
	private static final Pattern ASCENDING_FOUR = Pattern.compile("0123|1234|2345|3456|4567|5678|6789|7890|8901|9012");
	private static final Pattern DESCENDING_FOUR = Pattern.compile("3210|4321|5432|6543|7654|8765|9876|0987|1098|2109");
	private static final String UP = "0123456789".repeat(6);
	private static final String DOWN = "9876543210".repeat(6);

	private final SplittableRandom random = new SplittableRandom(SEED);

	@Test
	void judgesDigitStringsOfSevenToFortyDigitsLikeTheOracle() {
		PinChecker checker = new PinChecker(PinCheckerSpecExamplesTest.allRulesOn());
		for (int i = 0; i < 40_000; i++) {
			String candidate = digits(7 + random.nextInt(34));
			assertThat(checker.check(candidate, null, OWNER, PinHistory.none(), NOW).violations())
					.as(candidate)
					.isEqualTo(oracle(candidate));
		}
	}

	/** The rules for a digit string of 7–40 digits with an empty history, restated with regular expressions and substrings. */
	private static List<PinRule> oracle(String candidate) {
		List<PinRule> expected = new ArrayList<>();
		if (candidate.length() > 30) {
			expected.add(PinRule.TOO_LONG);
		}
		if (OWNER.nameSpellings().stream().anyMatch(candidate::equals)) {
			expected.add(PinRule.MATCHES_NAME);
		}
		if (OWNER.numberForms().stream().anyMatch(candidate::contains)) {
			expected.add(PinRule.CONTAINS_OWN_NUMBER);
		}
		if (REPEATED_DIGITS.matcher(candidate).find()) {
			expected.add(PinRule.REPEATED_DIGITS);
		}
		if (REPEATED_GROUP.matcher(candidate).find()) {
			expected.add(PinRule.REPEATED_GROUP);
		}
		if (UP.contains(candidate) || DOWN.contains(candidate)) {
			expected.add(PinRule.SEQUENCE);
		}
		if (KEYPAD_LINE.matcher(candidate).find()) {
			expected.add(PinRule.KEYPAD_LINE);
		}
		String reversed = new StringBuilder(candidate).reverse().toString();
		if (OWNER.numberForms().stream().anyMatch(reversed::contains)) {
			expected.add(PinRule.CONTAINS_REVERSED_NUMBER);
		}
		if (candidate.chars().distinct().count() < 3) {
			expected.add(PinRule.TOO_FEW_DISTINCT_DIGITS);
		}
		if (ASCENDING_FOUR.matcher(candidate).find()) {
			expected.add(PinRule.ASCENDING_RUN);
		}
		if (DESCENDING_FOUR.matcher(candidate).find()) {
			expected.add(PinRule.DESCENDING_RUN);
		}
		return expected;
	}

	/** Digits drawn from all ten, from a few only (so groups and runs repeat), or along a walk up or down. */
	private String digits(int length) {
		StringBuilder digits = new StringBuilder(length);
		switch (random.nextInt(3)) {
			case 0 -> {
				for (int i = 0; i < length; i++) {
					digits.append((char) ('0' + random.nextInt(10)));
				}
			}
			case 1 -> {
				String few = Integer.toString(100 + random.nextInt(900));
				for (int i = 0; i < length; i++) {
					digits.append(few.charAt(random.nextInt(few.length())));
				}
			}
			default -> {
				int digit = random.nextInt(10);
				for (int i = 0; i < length; i++) {
					digits.append((char) ('0' + digit));
					digit = Math.floorMod(digit + (random.nextInt(4) == 0 ? random.nextInt(10) : 1), 10);
				}
			}
		}
		return digits.toString();
	}

	@Test
	void refusesEveryCandidateWithANonAsciiDigitAsNotDigitsAlone() {
		PinChecker checker = new PinChecker(PinCheckerSpecExamplesTest.allRulesOn());
		RecordingHistory history = new RecordingHistory(PlainTextHistory.withCurrentThatMustChange("720394"));
		for (int i = 0; i < 40_000; i++) {
			String candidate = withANonDigit(1 + random.nextInt(256));
			assertThat(candidate.codePointCount(0, candidate.length())).isBetween(1, 256);
			assertThat(checker.check(candidate, null, OWNER, history, NOW).violations())
					.as(candidate)
					.containsExactly(PinRule.NOT_DIGITS);
			assertThat(checker.check(candidate, candidate, OWNER, history, NOW).violations())
					.containsExactly(PinRule.NOT_DIGITS);
		}
		assertThat(history.calls()).isZero();
	}

	@Test
	void refusesEveryCandidateOfMoreThan256CodePointsAsTooLongAlone() {
		PinChecker checker = new PinChecker(PinCheckerSpecExamplesTest.allRulesOn());
		RecordingHistory history = new RecordingHistory(PlainTextHistory.withCurrentThatMustChange("720394"));
		for (int i = 0; i < 20_000; i++) {
			int codePoints = 257 + random.nextInt(400);
			String candidate = random.nextBoolean() ? digits(codePoints) : withANonDigit(codePoints);
			assertThat(candidate.codePointCount(0, candidate.length())).isEqualTo(codePoints);
			String confirmation = random.nextBoolean() ? null : candidate.substring(1);
			assertThat(checker.check(candidate, confirmation, OWNER, history, NOW).violations())
					.containsExactly(PinRule.TOO_LONG);
		}
		assertThat(history.calls()).isZero();
	}

	/** {@code codePoints} code points, mostly ASCII digits, at least one of them something else. */
	private String withANonDigit(int codePoints) {
		int[] chosen = new int[codePoints];
		for (int i = 0; i < codePoints; i++) {
			chosen[i] = random.nextInt(3) == 0 ? nonDigit() : '0' + random.nextInt(10);
		}
		chosen[random.nextInt(codePoints)] = nonDigit();
		return new String(chosen, 0, codePoints);
	}

	private int nonDigit() {
		return switch (random.nextInt(8)) {
			case 0 -> 'a' + random.nextInt(26);
			case 1 -> 'A' + random.nextInt(26);
			case 2 -> " +-#*.\t\u00A0".charAt(random.nextInt(8));
			case 3 -> 0xFF10 + random.nextInt(10); // full-width digits
			case 4 -> 0x0660 + random.nextInt(10); // Arabic-Indic digits
			case 5 -> 0x06F0 + random.nextInt(10); // Extended Arabic-Indic digits
			case 6 -> 0x1F600 + random.nextInt(80); // emoji, a surrogate pair
			default -> 0x0966 + random.nextInt(10); // Devanagari digits
		};
	}
}
