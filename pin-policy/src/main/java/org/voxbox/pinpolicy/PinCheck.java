package org.voxbox.pinpolicy;

import java.util.List;

/**
 * The outcome of one {@link PinChecker#check check}: every broken rule, in report order
 * ({@link PinRule} order), each at most once. Holds no PIN.
 *
 * @param violations the broken rules, distinct and in enum order; empty when the PIN is acceptable
 */
public record PinCheck(List<PinRule> violations) {

	static final PinCheck VALID = new PinCheck(List.of());

	/** @throws IllegalArgumentException if the violations are not distinct and in report order */
	public PinCheck {
		violations = List.copyOf(violations);
		for (int i = 1; i < violations.size(); i++) {
			if (violations.get(i - 1).compareTo(violations.get(i)) >= 0) {
				throw new IllegalArgumentException(
						"violations must be distinct and in report order: " + violations);
			}
		}
	}

	/** True if no rule is broken. */
	public boolean valid() {
		return violations.isEmpty();
	}
}
