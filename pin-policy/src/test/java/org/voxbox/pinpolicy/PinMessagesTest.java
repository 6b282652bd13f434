package org.voxbox.pinpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PinMessagesTest {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@ParameterizedTest
	@EnumSource(PinRule.class)
	void everyRuleHasItsOwnEnglishAndDutchTexts(PinRule rule) {
		for (PinPolicy policy : new PinPolicy[] {PinPolicy.defaults(), PinPolicy.defaults(true),
			PinPolicy.defaults().withHistoryDepth(1).withMaxRepeatedDigit(1).withMinDaysBetweenChanges(7),
			PinPolicy.defaults().withHistoryDepth(0)}) {
			String violationEn = PinMessages.violation(rule, policy, Locale.ENGLISH);
			String violationNl = PinMessages.violation(rule, policy, DUTCH);
			String requirementEn = PinMessages.requirement(rule, policy, Locale.ENGLISH);
			String requirementNl = PinMessages.requirement(rule, policy, DUTCH);
			for (String text : new String[] {violationEn, violationNl, requirementEn, requirementNl}) {
				assertThat(text).isNotBlank().doesNotContain("{", "}", "'", "#", "|").doesNotStartWith(" ");
			}
			assertThat(violationEn).isNotEqualTo(violationNl).isNotEqualTo(requirementEn);
			assertThat(requirementEn).isNotEqualTo(requirementNl);
			assertThat(violationNl).isNotEqualTo(requirementNl);
		}
	}

	@Test
	void fillsInThePolicySettings() {
		PinPolicy policy = PinPolicy.defaults();
		assertThat(PinMessages.violation(PinRule.TOO_SHORT, policy, Locale.ENGLISH))
				.isEqualTo("The PIN must have at least 6 digits.");
		assertThat(PinMessages.violation(PinRule.TOO_SHORT, policy, DUTCH))
				.isEqualTo("De pincode moet minstens 6 cijfers hebben.");
		assertThat(PinMessages.requirement(PinRule.TOO_SHORT, policy.withMinLength(8), Locale.ENGLISH))
				.isEqualTo("At least 8 digits");
		assertThat(PinMessages.requirement(PinRule.IN_HISTORY, PinPolicy.defaults(true), Locale.ENGLISH))
				.isEqualTo("Not one of your previous 24 PINs");
		assertThat(PinMessages.requirement(PinRule.IN_HISTORY, PinPolicy.defaults(true), DUTCH))
				.isEqualTo("Niet een van uw vorige 24 pincodes");
		assertThat(PinMessages.requirement(PinRule.IN_HISTORY, policy.withHistoryDepth(1), Locale.ENGLISH))
				.isEqualTo("Not your current PIN");
		assertThat(PinMessages.violation(PinRule.IN_HISTORY, policy.withHistoryDepth(0), Locale.ENGLISH))
				.isEqualTo("The new PIN must differ from the PIN you have to change.");
		assertThat(PinMessages.violation(PinRule.IN_HISTORY, policy.withRule(PinRule.IN_HISTORY, false),
				Locale.ENGLISH)).isEqualTo("The new PIN must differ from the PIN you have to change.");
		assertThat(PinMessages.requirement(PinRule.REPEATED_DIGITS, policy.withMaxRepeatedDigit(3), Locale.ENGLISH))
				.isEqualTo("No digit more than 3 times in a row");
		assertThat(PinMessages.requirement(PinRule.REPEATED_DIGITS, policy.withMaxRepeatedDigit(1), Locale.ENGLISH))
				.isEqualTo("No digit twice in a row");
		assertThat(PinMessages.requirement(PinRule.TOO_FEW_DISTINCT_DIGITS, policy.withMinDistinctDigits(4), DUTCH))
				.isEqualTo("Minstens 4 verschillende cijfers");
		assertThat(PinMessages.violation(PinRule.ASCENDING_RUN, policy.withMaxAscendingRun(2), Locale.ENGLISH))
				.isEqualTo("The PIN must not have more than 2 ascending digits in a row.");
		assertThat(PinMessages.violation(PinRule.DESCENDING_RUN, policy.withMaxDescendingRun(5), Locale.ENGLISH))
				.isEqualTo("The PIN must not have more than 5 descending digits in a row.");
		assertThat(PinMessages.requirement(PinRule.CHANGED_TOO_RECENTLY, policy.withMinDaysBetweenChanges(3), DUTCH))
				.isEqualTo("Hoogstens één wijziging per 3 dagen");
		assertThat(PinMessages.requirement(PinRule.TOO_LONG, policy.withMaxLength(12), Locale.ENGLISH))
				.isEqualTo("At most 12 digits");
	}

	@Test
	void fallsBackToEnglishNotToTheDefaultLocale() {
		Locale before = Locale.getDefault();
		try {
			Locale.setDefault(DUTCH);
			for (Locale locale : new Locale[] {Locale.JAPANESE, Locale.GERMANY, Locale.ROOT, Locale.ENGLISH, Locale.UK}) {
				assertThat(PinMessages.violation(PinRule.TOO_SHORT, PinPolicy.defaults(), locale))
						.isEqualTo("The PIN must have at least 6 digits.");
			}
		} finally {
			Locale.setDefault(before);
		}
	}

	@Test
	void servesDutchToEveryDutchLocale() {
		for (String tag : new String[] {"nl", "nl-NL", "nl-BE"}) {
			assertThat(PinMessages.violation(PinRule.TOO_SHORT, PinPolicy.defaults(), Locale.forLanguageTag(tag)))
					.isEqualTo("De pincode moet minstens 6 cijfers hebben.");
		}
	}

	@Test
	void supportsEnglishAndDutch() {
		assertThat(PinMessages.supportedLocales()).containsExactly(Locale.ENGLISH, DUTCH);
	}

	@Test
	void listsTheRequirementsThatApplyInReportOrder() {
		assertThat(PinMessages.requirements(PinPolicy.defaults(), false)).containsExactly(
				PinRule.NOT_DIGITS, PinRule.TOO_SHORT, PinRule.TOO_LONG, PinRule.IN_HISTORY,
				PinRule.REVERSE_OF_CURRENT, PinRule.MATCHES_NAME, PinRule.CONTAINS_OWN_NUMBER,
				PinRule.REPEATED_DIGITS, PinRule.REPEATED_GROUP, PinRule.SEQUENCE, PinRule.KEYPAD_LINE);
		PinPolicy custom = PinPolicy.defaults()
				.withRule(PinRule.SEQUENCE, false)
				.withRule(PinRule.ASCENDING_RUN, true);
		assertThat(PinMessages.requirements(custom, true)).containsExactly(
				PinRule.NOT_DIGITS, PinRule.TOO_SHORT, PinRule.TOO_LONG, PinRule.CONFIRMATION_MISMATCH,
				PinRule.IN_HISTORY, PinRule.REVERSE_OF_CURRENT, PinRule.MATCHES_NAME, PinRule.CONTAINS_OWN_NUMBER,
				PinRule.REPEATED_DIGITS, PinRule.REPEATED_GROUP, PinRule.KEYPAD_LINE, PinRule.ASCENDING_RUN);
	}

	@Test
	void textsNeverContainThePinTheyAreAbout() {
		SplittableRandom random = new SplittableRandom(42);
		PinChecker checker = new PinChecker(PinCheckerSpecExamplesTest.allRulesOn());
		PinOwner owner = Fixtures.janJansenWithExtensionAndPhone();
		for (int i = 0; i < 2_000; i++) {
			String candidate = String.format("%06d", random.nextInt(1_000_000));
			PinCheck check = checker.check(candidate, null, owner, PinHistory.none(), Fixtures.NOW);
			for (PinRule rule : check.violations()) {
				for (Locale locale : PinMessages.supportedLocales()) {
					assertThat(PinMessages.violation(rule, checker.policy(), locale)).doesNotContain(candidate);
				}
			}
		}
	}
}
