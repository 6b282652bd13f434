package org.voxbox.pin;

import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.voxbox.pinpolicy.PinMessages;
import org.voxbox.pinpolicy.PinPolicy;
import org.voxbox.pinpolicy.PinRule;
import org.voxbox.web.ApiError;
import org.voxbox.web.ApiException;
import org.voxbox.web.Texts;

/**
 * A new PIN broke the policy: 400 with one entry per broken rule, or 409 when the change came too soon after
 * the last one. Descriptions are in the caller's language and never contain the PIN.
 */
final class PinRejected extends ApiException {

	private final List<PinRule> violations;

	PinRejected(List<PinRule> violations, PinPolicy policy, Locale locale) {
		super(violations.contains(PinRule.CHANGED_TOO_RECENTLY) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
				Texts.get("pin", "error.pinRejected", locale), details(violations, policy, locale));
		this.violations = List.copyOf(violations);
	}

	List<PinRule> violations() {
		return violations;
	}

	static List<ApiError.Detail> details(List<PinRule> violations, PinPolicy policy, Locale locale) {
		return violations.stream()
			.map(rule -> new ApiError.Detail(rule.errorCode(), rule.name(), PinMessages.violation(rule, policy, locale)))
			.toList();
	}
}
