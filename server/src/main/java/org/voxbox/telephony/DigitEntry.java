package org.voxbox.telephony;

import org.jspecify.annotations.Nullable;

/**
 * Digits the caller types before {@code #}: a mailbox number or a PIN. At most {@link #MAX_DIGITS} are kept; keys
 * that are not digits are ignored. Used inside one menu, on the call executor.
 */
final class DigitEntry {

	static final int MAX_DIGITS = 40;

	private final StringBuilder digits = new StringBuilder();

	/** Takes one key: when it is {@code #}, returns the digits typed (perhaps none) and starts again; else null. */
	@Nullable String add(char key) {
		if (key == '#') {
			String typed = digits.toString();
			clear();
			return typed;
		}
		if (Character.isDigit(key) && digits.length() < MAX_DIGITS) {
			digits.append(key);
		}
		return null;
	}

	/** Forgets the digits typed. */
	void clear() {
		digits.setLength(0);
	}
}
