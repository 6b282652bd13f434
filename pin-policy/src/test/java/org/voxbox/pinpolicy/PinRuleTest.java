package org.voxbox.pinpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinRuleTest {

	@Test
	void errorCodesRunFrom4101To4117InTableOrder() {
		List<Integer> codes = new ArrayList<>();
		for (PinRule rule : PinRule.values()) {
			codes.add(rule.errorCode());
		}
		assertThat(codes).startsWith(4101).endsWith(4117).isSorted().doesNotHaveDuplicates().hasSize(17);
		assertThat(PinRule.NOT_DIGITS.errorCode()).isEqualTo(4101);
		assertThat(PinRule.KEYPAD_LINE.errorCode()).isEqualTo(4112);
		assertThat(PinRule.CHANGED_TOO_RECENTLY.errorCode()).isEqualTo(4117);
	}

	@Test
	void rulesOneToFourAreAlwaysOnAndTheLastFiveAreOptIn() {
		assertThat(EnumSet.allOf(PinRule.class).stream().filter(PinRule::alwaysOn))
				.containsExactly(PinRule.NOT_DIGITS, PinRule.TOO_SHORT, PinRule.TOO_LONG, PinRule.CONFIRMATION_MISMATCH);
		assertThat(EnumSet.allOf(PinRule.class).stream().filter(PinRule::optIn))
				.containsExactly(PinRule.CONTAINS_REVERSED_NUMBER, PinRule.TOO_FEW_DISTINCT_DIGITS,
						PinRule.ASCENDING_RUN, PinRule.DESCENDING_RUN, PinRule.CHANGED_TOO_RECENTLY);
	}

	@Test
	void rulesFiveToTwelveAreOnByDefault() {
		assertThat(PinRule.defaultEnabled()).containsExactly(PinRule.IN_HISTORY, PinRule.REVERSE_OF_CURRENT,
				PinRule.MATCHES_NAME, PinRule.CONTAINS_OWN_NUMBER, PinRule.REPEATED_DIGITS, PinRule.REPEATED_GROUP,
				PinRule.SEQUENCE, PinRule.KEYPAD_LINE);
		assertThatThrownBy(() -> PinRule.defaultEnabled().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void aCheckKeepsItsViolationsDistinctAndInReportOrder() {
		assertThat(new PinCheck(List.of()).valid()).isTrue();
		assertThat(new PinCheck(List.of(PinRule.TOO_SHORT, PinRule.SEQUENCE)).valid()).isFalse();
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new PinCheck(List.of(PinRule.SEQUENCE, PinRule.TOO_SHORT)))
				.withMessageContaining("report order");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new PinCheck(List.of(PinRule.SEQUENCE, PinRule.SEQUENCE)));
	}
}
