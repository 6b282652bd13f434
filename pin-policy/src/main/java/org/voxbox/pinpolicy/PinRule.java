package org.voxbox.pinpolicy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rules a PIN can break, in report order: a {@link PinCheck} lists its violations in the
 * order of this enum. The {@linkplain #errorCode() error code} and the constant name are the
 * stable contract; messages may change.
 *
 * <p>Rules 1–4 ({@link #alwaysOn()}) cannot be switched off; rules 5–12 are on by default and
 * may be switched off; the five opt-in rules ({@link #optIn()}) are off by default.
 */
public enum PinRule {
	/** Only the ASCII digits 0–9; nothing is stripped or trimmed. */
	NOT_DIGITS,
	/** At least {@link PinPolicy#minLength()} digits. */
	TOO_SHORT,
	/** At most {@link PinPolicy#maxLength()} digits; also the guard for input longer than 256 code points. */
	TOO_LONG,
	/** The confirmation differs from the candidate (only where a confirmation is taken). */
	CONFIRMATION_MISMATCH,
	/** Equals one of the last {@link PinPolicy#historyDepth()} PINs, or is the current PIN that must be changed. */
	IN_HISTORY,
	/** Equals the current PIN read backwards. */
	REVERSE_OF_CURRENT,
	/** Equals the keypad spelling of the first name, the last name, or both together. */
	MATCHES_NAME,
	/** Contains the extension (2+ digits) or a digit form of the phone number. */
	CONTAINS_OWN_NUMBER,
	/** One digit more than {@link PinPolicy#maxRepeatedDigit()} times in a row. */
	REPEATED_DIGITS,
	/** A group of 2+ digits, not all the same digit, immediately followed by the same group. */
	REPEATED_GROUP,
	/** The whole PIN (3+ digits) is one ascending or one descending run, 9→0 and 0→9 continuing. */
	SEQUENCE,
	/** Contains three neighbouring keys on one straight line of the phone keypad. */
	KEYPAD_LINE,
	/** Opt-in: contains the extension or a phone digit form read backwards. */
	CONTAINS_REVERSED_NUMBER,
	/** Opt-in: fewer than {@link PinPolicy#minDistinctDigits()} different digits. */
	TOO_FEW_DISTINCT_DIGITS,
	/** Opt-in: an ascending run longer than {@link PinPolicy#maxAscendingRun()} digits. */
	ASCENDING_RUN,
	/** Opt-in: a descending run longer than {@link PinPolicy#maxDescendingRun()} digits. */
	DESCENDING_RUN,
	/** Opt-in: fewer than {@link PinPolicy#minDaysBetweenChanges()} days since the owner last changed the PIN. */
	CHANGED_TOO_RECENTLY;

	private static final int FIRST_ERROR_CODE = 4101;

	/** True for rules 1–4, which no policy can switch off. */
	public boolean alwaysOn() {
		return ordinal() <= CONFIRMATION_MISMATCH.ordinal();
	}

	/** True for the five rules that are off unless an administrator switches them on. */
	public boolean optIn() {
		return ordinal() >= CONTAINS_REVERSED_NUMBER.ordinal();
	}

	/** The stable numeric code: 4101 for {@link #NOT_DIGITS} up to 4117 for {@link #CHANGED_TOO_RECENTLY}, in enum order. */
	public int errorCode() {
		return FIRST_ERROR_CODE + ordinal();
	}

	/** The switchable rules that are on by default (rules 5–12); an unmodifiable set. */
	public static Set<PinRule> defaultEnabled() {
		return Collections.unmodifiableSet(EnumSet.range(IN_HISTORY, KEYPAD_LINE));
	}
}
