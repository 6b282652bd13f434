package org.voxbox.pinpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PinPolicyTest {

	@Test
	void defaultsAreThoseOfTheSpecification() {
		PinPolicy policy = PinPolicy.defaults();
		assertThat(policy.minLength()).isEqualTo(6);
		assertThat(policy.maxLength()).isEqualTo(30);
		assertThat(policy.historyDepth()).isEqualTo(PinPolicy.DEFAULT_HISTORY_DEPTH).isEqualTo(10);
		assertThat(policy.maxRepeatedDigit()).isEqualTo(2);
		assertThat(policy.enabledRules()).isEqualTo(PinRule.defaultEnabled());
		assertThat(policy.minDistinctDigits()).isEqualTo(3);
		assertThat(policy.maxAscendingRun()).isEqualTo(3);
		assertThat(policy.maxDescendingRun()).isEqualTo(3);
		assertThat(policy.minDaysBetweenChanges()).isEqualTo(1);
		assertThat(policy.expiryEnabled()).isFalse();
		assertThat(policy.expiryDays()).isEqualTo(180);
		assertThat(policy.lockoutEnabled()).isTrue();
		assertThat(policy.maxFailedAttempts()).isEqualTo(3);
		assertThat(PinPolicy.defaults(false)).isEqualTo(policy);
	}

	@Test
	void governmentDefaultsRememberTwentyFourPins() {
		assertThat(PinPolicy.defaults(true).historyDepth()).isEqualTo(PinPolicy.GOVERNMENT_HISTORY_DEPTH).isEqualTo(24);
		assertThat(PinPolicy.defaults(true).withHistoryDepth(10)).isEqualTo(PinPolicy.defaults());
	}

	@ParameterizedTest(name = "{0} accepts {1}–{2}")
	@CsvSource({
		"minLength,             4,  30",
		"maxLength,             6,  30",
		"historyDepth,          0,  50",
		"maxRepeatedDigit,      1,   6",
		"minDistinctDigits,     2,  10",
		"maxAscendingRun,       2,   5",
		"maxDescendingRun,      2,   5",
		"minDaysBetweenChanges, 1,   7",
		"expiryDays,           15, 180",
		"maxFailedAttempts,     1,  10",
	})
	void acceptsEachSettingWithinItsRangeAndNamesItWhenOutside(String setting, int min, int max) {
		assertThat(with(setting, min)).isNotNull();
		assertThat(with(setting, max)).isNotNull();
		assertThatIllegalArgumentException()
				.isThrownBy(() -> with(setting, min - 1))
				.withMessage(setting + " must be " + min + "–" + max + ": " + (min - 1));
		assertThatIllegalArgumentException()
				.isThrownBy(() -> with(setting, max + 1))
				.withMessage(setting + " must be " + min + "–" + max + ": " + (max + 1));
	}

	@Test
	void maxLengthMayNotBeBelowMinLength() {
		PinPolicy eight = PinPolicy.defaults().withMinLength(8);
		assertThat(eight.withMaxLength(8).maxLength()).isEqualTo(8);
		assertThatIllegalArgumentException()
				.isThrownBy(() -> eight.withMaxLength(7))
				.withMessage("maxLength must be 8–30: 7");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> eight.withMaxLength(8).withMinLength(9))
				.withMessage("maxLength must be 9–30: 8");
	}

	private static PinPolicy with(String setting, int value) {
		PinPolicy defaults = PinPolicy.defaults();
		return switch (setting) {
			case "minLength" -> defaults.withMinLength(value);
			case "maxLength" -> defaults.withMaxLength(value);
			case "historyDepth" -> defaults.withHistoryDepth(value);
			case "maxRepeatedDigit" -> defaults.withMaxRepeatedDigit(value);
			case "minDistinctDigits" -> defaults.withMinDistinctDigits(value);
			case "maxAscendingRun" -> defaults.withMaxAscendingRun(value);
			case "maxDescendingRun" -> defaults.withMaxDescendingRun(value);
			case "minDaysBetweenChanges" -> defaults.withMinDaysBetweenChanges(value);
			case "expiryDays" -> defaults.withExpiry(true, value);
			case "maxFailedAttempts" -> defaults.withLockout(true, value);
			default -> throw new IllegalArgumentException(setting);
		};
	}

	@Test
	void withMethodsChangeOnlyTheirSetting() {
		PinPolicy policy = PinPolicy.defaults().withExpiry(true, 90).withLockout(false, 5);
		assertThat(policy.expiryEnabled()).isTrue();
		assertThat(policy.expiryDays()).isEqualTo(90);
		assertThat(policy.lockoutEnabled()).isFalse();
		assertThat(policy.maxFailedAttempts()).isEqualTo(5);
		assertThat(policy.withExpiry(false, 180).withLockout(true, 3)).isEqualTo(PinPolicy.defaults());
	}

	@ParameterizedTest
	@EnumSource(value = PinRule.class, names = {"NOT_DIGITS", "TOO_SHORT", "TOO_LONG", "CONFIRMATION_MISMATCH"})
	void rulesOneToFourCannotBeSwitchedAndAreAlwaysEnabled(PinRule rule) {
		assertThatIllegalArgumentException().isThrownBy(() -> PinPolicy.defaults().withRule(rule, false))
				.withMessageContaining(rule.name());
		assertThatIllegalArgumentException().isThrownBy(() -> PinPolicy.defaults().withRule(rule, true));
		PinPolicy nothingSwitchedOn = new PinPolicy(6, 30, 10, 2, Set.of(), 3, 3, 3, 1, false, 180, true, 3);
		assertThat(nothingSwitchedOn.isEnabled(rule)).isTrue();
	}

	@Test
	void keepsOnlySwitchableRulesInAnUnmodifiableCopy() {
		EnumSet<PinRule> given = EnumSet.of(PinRule.NOT_DIGITS, PinRule.SEQUENCE);
		PinPolicy policy = new PinPolicy(6, 30, 10, 2, given, 3, 3, 3, 1, false, 180, true, 3);
		given.add(PinRule.KEYPAD_LINE);
		assertThat(policy.enabledRules()).containsExactly(PinRule.SEQUENCE);
		assertThatThrownBy(() -> policy.enabledRules().add(PinRule.KEYPAD_LINE))
				.isInstanceOf(UnsupportedOperationException.class);
		assertThat(policy.isEnabled(PinRule.KEYPAD_LINE)).isFalse();
		assertThat(policy.isEnabled(PinRule.NOT_DIGITS)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(PinRule.class)
	void switchesEachSwitchableRuleOnAndOff(PinRule rule) {
		if (rule.alwaysOn()) {
			return;
		}
		PinPolicy off = PinPolicy.defaults().withRule(rule, false);
		PinPolicy on = PinPolicy.defaults().withRule(rule, true);
		assertThat(off.isEnabled(rule)).isFalse();
		assertThat(on.isEnabled(rule)).isTrue();
		assertThat(PinPolicy.defaults().isEnabled(rule)).isEqualTo(!rule.optIn());
	}
}
