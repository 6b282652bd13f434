package org.voxbox.pinpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxbox.pinpolicy.Fixtures.NOW;
import static org.voxbox.pinpolicy.PinRule.CHANGED_TOO_RECENTLY;
import static org.voxbox.pinpolicy.PinRule.CONFIRMATION_MISMATCH;
import static org.voxbox.pinpolicy.PinRule.CONTAINS_OWN_NUMBER;
import static org.voxbox.pinpolicy.PinRule.IN_HISTORY;
import static org.voxbox.pinpolicy.PinRule.KEYPAD_LINE;
import static org.voxbox.pinpolicy.PinRule.MATCHES_NAME;
import static org.voxbox.pinpolicy.PinRule.NOT_DIGITS;
import static org.voxbox.pinpolicy.PinRule.REPEATED_DIGITS;
import static org.voxbox.pinpolicy.PinRule.REPEATED_GROUP;
import static org.voxbox.pinpolicy.PinRule.REVERSE_OF_CURRENT;
import static org.voxbox.pinpolicy.PinRule.SEQUENCE;
import static org.voxbox.pinpolicy.PinRule.TOO_LONG;
import static org.voxbox.pinpolicy.PinRule.TOO_SHORT;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The example rows of the specification, each judged for the rule it names (exactly where the spec says "only"). */
class PinCheckerSpecExamplesTest {

	/** Thirty digits that break no rule. */
	private static final String THIRTY_DIGITS = "030824628194821993518190937865";

	private final PinChecker checker = Fixtures.defaultChecker();
	private final PinOwner nobody = Fixtures.ownerWithoutNumbers();

	private List<PinRule> violations(String candidate) {
		return checker.check(candidate, null, nobody, PinHistory.none(), NOW).violations();
	}

	@ParameterizedTest
	@ValueSource(strings = {"12 3456", "١٢٣٤٥٦", "123456 ", " 123456", "12-3456", "+123456", "１２３４５６", "12345😀"})
	void refusesAnythingButAsciiDigitsAsNotDigitsAlone(String candidate) {
		assertThat(violations(candidate)).containsExactly(NOT_DIGITS);
	}

	@Test
	void notDigitsIsReportedTogetherWithConfirmationMismatchOnly() {
		RecordingHistory history = new RecordingHistory(PlainTextHistory.withCurrentThatMustChange("12 3456"));
		PinCheck check = new PinChecker(allRulesOn()).check("12 3456", "123456",
				Fixtures.janJansenWithExtensionAndPhone(), history, NOW);
		assertThat(check.violations()).containsExactly(NOT_DIGITS, CONFIRMATION_MISMATCH);
		assertThat(history.calls()).isZero();
	}

	@Test
	void refusesFiveDigitsAsTooShort() {
		assertThat(violations("52817")).contains(TOO_SHORT);
	}

	@Test
	void refusesThirtyOneDigitsAsTooLong() {
		assertThat(violations(THIRTY_DIGITS + "7")).contains(TOO_LONG);
		assertThat(violations(THIRTY_DIGITS + "7")).containsExactly(TOO_LONG);
	}

	@Test
	void acceptsThirtyDigits() {
		assertThat(violations(THIRTY_DIGITS)).isEmpty();
	}

	@Test
	void refusesCurrentPinReadBackwards() {
		PinCheck check = checker.check("493027", null, nobody, PlainTextHistory.withPins("720394", "111111"), NOW);
		assertThat(check.violations()).containsExactly(REVERSE_OF_CURRENT);
	}

	@Test
	void refusesPinThatSpellsLastName() {
		PinOwner jan = new PinOwner("Jan", "Jansen", null, null);
		assertThat(checker.check("526736", null, jan, PinHistory.none(), NOW).violations()).contains(MATCHES_NAME);
	}

	@Test
	void refusesPinThatSpellsFirstAndLastNameTogether() {
		PinOwner eva = new PinOwner("Eva", "Smit", null, null);
		assertThat(checker.check("3827648", null, eva, PinHistory.none(), NOW).violations()).contains(MATCHES_NAME);
	}

	@Test
	void acceptsLastNameFollowedByFirstName() {
		PinOwner eva = new PinOwner("Eva", "Smit", null, null);
		assertThat(checker.check("7648382", null, eva, PinHistory.none(), NOW).violations())
				.doesNotContain(MATCHES_NAME);
	}

	@Test
	void acceptsNameSpellingAsPartOfALongerPin() {
		PinOwner jan = new PinOwner("Jan", "Jansen", null, null);
		assertThat(checker.check("5267360", null, jan, PinHistory.none(), NOW).violations())
				.doesNotContain(MATCHES_NAME);
	}

	@Test
	void refusesPinContainingExtension() {
		PinOwner owner = new PinOwner("Jan", "Jansen", "4721", null);
		assertThat(checker.check("947210", null, owner, PinHistory.none(), NOW).violations())
				.contains(CONTAINS_OWN_NUMBER);
	}

	@ParameterizedTest
	@ValueSource(strings = {"31201234567", "9201234567", "0201234567", "990201234567"})
	void refusesPinContainingAPhoneNumberForm(String candidate) {
		PinOwner owner = new PinOwner("Jan", "Jansen", null, "+31201234567");
		assertThat(checker.check(candidate, null, owner, PinHistory.none(), NOW).violations())
				.contains(CONTAINS_OWN_NUMBER);
	}

	@Test
	void ignoresOneDigitExtension() {
		PinOwner owner = new PinOwner("Jan", "Jansen", "7", null);
		assertThat(checker.check("970318", null, owner, PinHistory.none(), NOW).violations()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({
		"228883, true",
		"228839, false",
		"811119, true",
	})
	void refusesADigitRepeatedMoreThanTwiceInARow(String candidate, boolean refused) {
		assertThat(violations(candidate).contains(REPEATED_DIGITS)).isEqualTo(refused);
	}

	@ParameterizedTest
	@CsvSource({
		"121212, true",
		"408408, true",
		"551212, true",
		"112112, true",
		"1375137, false",
		"811119, false",
	})
	void refusesAGroupImmediatelyFollowedByItself(String candidate, boolean refused) {
		assertThat(violations(candidate).contains(REPEATED_GROUP)).isEqualTo(refused);
	}

	@Test
	void leavesARunOfOneDigitToTheRepeatedDigitsRule() {
		assertThat(violations("811119")).containsExactly(REPEATED_DIGITS);
	}

	@ParameterizedTest
	@CsvSource({
		"012345, true",
		"987654, true",
		"890123, true",
		"109876, true",
		"024681, false",
		"123455, false",
	})
	void refusesAPinThatIsOneRunUpOrDown(String candidate, boolean refused) {
		assertThat(violations(candidate).contains(SEQUENCE)).isEqualTo(refused);
	}

	@Test
	void everySixDigitSequenceAlsoBreaksKeypadLine() {
		for (int start = 0; start < 10; start++) {
			StringBuilder up = new StringBuilder();
			StringBuilder down = new StringBuilder();
			for (int k = 0; k < 6; k++) {
				up.append((start + k) % 10);
				down.append((start - k + 10) % 10);
			}
			assertThat(violations(up.toString())).as(up.toString()).contains(SEQUENCE, KEYPAD_LINE);
			assertThat(violations(down.toString())).as(down.toString()).contains(SEQUENCE, KEYPAD_LINE);
		}
	}

	@ParameterizedTest
	@CsvSource({
		"914725, true",
		"280852, true",
		"246802, false",
	})
	void refusesThreeNeighbouringKeysOnOneLine(String candidate, boolean refused) {
		assertThat(violations(candidate).contains(KEYPAD_LINE)).isEqualTo(refused);
	}

	@Test
	void refusesTooShortPinThatAlsoSpellsTheNameWithBothRules() {
		PinOwner jan = new PinOwner("Jan", "Jansen", null, null);
		assertThat(checker.check("526", null, jan, PinHistory.none(), NOW).violations())
				.containsExactly(TOO_SHORT, MATCHES_NAME);
	}

	@Test
	void refusesEmptyCandidateAsTooShortOnly() {
		RecordingHistory history = new RecordingHistory(new PlainTextHistory(List.of(""), true, NOW));
		PinChecker strict = new PinChecker(allRulesOn());
		assertThat(strict.check("", null, nobody, history, NOW).violations()).containsExactly(TOO_SHORT);
		assertThat(strict.check("", "", nobody, history, NOW).violations()).containsExactly(TOO_SHORT);
		assertThat(strict.check("", "1", nobody, history, NOW).violations())
				.containsExactly(TOO_SHORT, CONFIRMATION_MISMATCH);
		assertThat(history.calls()).isZero();
	}

	@Test
	void refusesMoreThan256CodePointsAsTooLongAloneWithoutAskingTheHistory() {
		RecordingHistory history = new RecordingHistory(PlainTextHistory.withCurrentThatMustChange("1"));
		PinChecker strict = new PinChecker(allRulesOn());
		String digits = "1".repeat(257);
		String emoji = "😀".repeat(257);
		String mixed = "a".repeat(200) + "😀".repeat(57);
		for (String candidate : List.of(digits, emoji, mixed)) {
			assertThat(strict.check(candidate, null, nobody, history, NOW).violations()).containsExactly(TOO_LONG);
			assertThat(strict.check(candidate, "other", nobody, history, NOW).violations()).containsExactly(TOO_LONG);
		}
		assertThat(history.calls()).isZero();
	}

	@Test
	void judges256CodePointsByTheRulesNotTheGuard() {
		assertThat(violations("😀".repeat(256))).containsExactly(NOT_DIGITS);
		assertThat(violations("1358".repeat(64))).containsExactly(TOO_LONG, REPEATED_GROUP);
	}

	@Test
	void refusesConfirmationThatDiffers() {
		assertThat(checker.check("970318", "970317", nobody, PinHistory.none(), NOW).violations())
				.containsExactly(CONFIRMATION_MISMATCH);
		assertThat(checker.check("970318", "970318", nobody, PinHistory.none(), NOW).valid()).isTrue();
	}

	@Test
	void refusesAnyOfTheLastTenPinsButNotTheEleventh() {
		PlainTextHistory history = PlainTextHistory.withPins(
				"970318", "970328", "970338", "970348", "970358", "970368", "970378", "970388", "970398", "970408",
				"970418");
		assertThat(checker.check("970318", null, nobody, history, NOW).violations()).containsExactly(IN_HISTORY);
		assertThat(checker.check("970408", null, nobody, history, NOW).violations()).containsExactly(IN_HISTORY);
		assertThat(checker.check("970418", null, nobody, history, NOW).valid()).isTrue();
		PinChecker government = new PinChecker(PinPolicy.defaults(true));
		assertThat(government.check("970418", null, nobody, history, NOW).violations()).containsExactly(IN_HISTORY);
	}

	@Test
	void neverAcceptsAMustChangePinAsItsOwnReplacementEvenWithHistoryDepthZero() {
		PlainTextHistory mustChange = PlainTextHistory.withCurrentThatMustChange("970318");
		PinPolicy depthZero = PinPolicy.defaults().withHistoryDepth(0);
		assertThat(new PinChecker(depthZero).check("970318", null, nobody, mustChange, NOW).violations())
				.containsExactly(IN_HISTORY);
		PinPolicy historyOff = PinPolicy.defaults().withRule(IN_HISTORY, false);
		assertThat(new PinChecker(historyOff).check("970318", null, nobody, mustChange, NOW).violations())
				.containsExactly(IN_HISTORY);
		PlainTextHistory mayKeep = PlainTextHistory.withPins("970318");
		assertThat(new PinChecker(depthZero).check("970318", null, nobody, mayKeep, NOW).valid()).isTrue();
	}

	@Test
	void asksTheHistoryAtMostOncePerQuestionAndString() {
		RecordingHistory history =
				new RecordingHistory(new PlainTextHistory(List.of("720394"), true, NOW.minusSeconds(60)));
		PinChecker strict = new PinChecker(allRulesOn());
		strict.check("493027", "493027", Fixtures.janJansenWithExtensionAndPhone(), history, NOW);
		assertThat(history.questions()).containsOnlyKeys("contains:493027", "isCurrent:720394");
		assertThat(history.questions().values()).containsOnly(1);
	}

	@Test
	void refusesAChangeWithinMinDaysOfTheOwnersLastChange() {
		Instant last = Instant.parse("2025-05-31T12:00:00Z");
		PinPolicy oneDay = PinPolicy.defaults().withRule(CHANGED_TOO_RECENTLY, true);
		PinChecker checker = new PinChecker(oneDay);
		PlainTextHistory history = PlainTextHistory.changedByOwnerAt(last, "720394");
		assertThat(checker.check("970318", null, nobody, history, last.plus(Duration.ofHours(23)))
				.violations()).containsExactly(CHANGED_TOO_RECENTLY);
		assertThat(checker.check("970318", null, nobody, history, last.plus(Duration.ofDays(1))).valid()).isTrue();
		PinChecker week = new PinChecker(oneDay.withMinDaysBetweenChanges(7));
		assertThat(week.check("970318", null, nobody, history, last.plus(Duration.ofDays(6))).violations())
				.containsExactly(CHANGED_TOO_RECENTLY);
		assertThat(week.check("970318", null, nobody, history, last.plus(Duration.ofDays(7))).valid()).isTrue();
		assertThat(checker.check("970318", null, nobody, PlainTextHistory.withPins("720394"), NOW).valid()).isTrue();
	}

	@Test
	void ignoresChangeIntervalUnlessSwitchedOn() {
		PlainTextHistory history = PlainTextHistory.changedByOwnerAt(NOW, "720394");
		assertThat(checker.check("970318", null, nobody, history, NOW).valid()).isTrue();
	}

	@Test
	void refusesTooFewDistinctDigitsWhenSwitchedOn() {
		PinChecker strict = new PinChecker(PinPolicy.defaults().withRule(PinRule.TOO_FEW_DISTINCT_DIGITS, true));
		assertThat(strict.check("121122", null, nobody, PinHistory.none(), NOW).violations())
				.contains(PinRule.TOO_FEW_DISTINCT_DIGITS);
		assertThat(strict.check("121132", null, nobody, PinHistory.none(), NOW).violations())
				.doesNotContain(PinRule.TOO_FEW_DISTINCT_DIGITS);
		assertThat(checker.check("121122", null, nobody, PinHistory.none(), NOW).violations())
				.doesNotContain(PinRule.TOO_FEW_DISTINCT_DIGITS);
	}

	@ParameterizedTest
	@CsvSource({
		"123485, ASCENDING_RUN, true",
		"123856, ASCENDING_RUN, false",
		"890185, ASCENDING_RUN, true",
		"543298, DESCENDING_RUN, true",
		"543898, DESCENDING_RUN, false",
		"210985, DESCENDING_RUN, true",
	})
	void refusesRunsLongerThanThreeWhenSwitchedOn(String candidate, PinRule rule, boolean refused) {
		PinChecker strict = new PinChecker(PinPolicy.defaults().withRule(rule, true));
		assertThat(strict.check(candidate, null, nobody, PinHistory.none(), NOW).violations().contains(rule))
				.isEqualTo(refused);
	}

	@Test
	void refusesReversedExtensionOrPhoneNumberWhenSwitchedOn() {
		PinChecker strict = new PinChecker(PinPolicy.defaults().withRule(PinRule.CONTAINS_REVERSED_NUMBER, true));
		PinOwner jan = Fixtures.janJansenWithExtensionAndPhone();
		assertThat(strict.check("912740", null, jan, PinHistory.none(), NOW).violations())
				.containsExactly(PinRule.CONTAINS_REVERSED_NUMBER);
		assertThat(strict.check("76543210209", null, jan, PinHistory.none(), NOW).violations())
				.contains(PinRule.CONTAINS_REVERSED_NUMBER);
		assertThat(checker.check("912740", null, jan, PinHistory.none(), NOW).valid()).isTrue();
	}

	@Test
	void reportsEveryBrokenRuleInTableOrder() {
		PinOwner owner = new PinOwner("Jan", "Jansen", "12", null);
		PlainTextHistory history = PlainTextHistory.withPins("4321321");
		PinCheck check = new PinChecker(allRulesOn().withMinLength(8)).check("1231234", "x", owner, history, NOW);
		assertThat(check.violations()).containsExactly(TOO_SHORT, CONFIRMATION_MISMATCH, REVERSE_OF_CURRENT,
				CONTAINS_OWN_NUMBER, REPEATED_GROUP, KEYPAD_LINE, PinRule.ASCENDING_RUN);
	}

	static PinPolicy allRulesOn() {
		PinPolicy policy = PinPolicy.defaults();
		for (PinRule rule : PinRule.values()) {
			if (!rule.alwaysOn()) {
				policy = policy.withRule(rule, true);
			}
		}
		return policy;
	}
}
