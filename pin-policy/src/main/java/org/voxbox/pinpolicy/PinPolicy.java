package org.voxbox.pinpolicy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An organisation's PIN policy: the settings of the rules and which switchable rules are on,
 * plus the lifecycle settings (expiry, lockout) that belong to the same policy. Every setting is
 * range-checked when the policy is built; immutable and thread-safe. Each {@code with…} method
 * returns a copy with one setting changed, checked like the constructor.
 *
 * @param minLength fewest digits, 4–30
 * @param maxLength most digits, {@code minLength}–30
 * @param historyDepth how many of the most recent PINs (the current one included) a new PIN must
 *     differ from, 0–50; 0 means no history check, but a PIN that must be changed can still never
 *     be its own replacement
 * @param maxRepeatedDigit longest run of one digit allowed, 1–6
 * @param enabledRules the switchable rules (5–12 and the opt-ins) that are on; rules 1–4 are always
 *     on and are not kept in this set whatever was passed in; stored as an unmodifiable copy
 * @param minDistinctDigits fewest different digits, 2–10; used when {@link PinRule#TOO_FEW_DISTINCT_DIGITS} is on
 * @param maxAscendingRun longest ascending run allowed, 2–5; used when {@link PinRule#ASCENDING_RUN} is on
 * @param maxDescendingRun longest descending run allowed, 2–5; used when {@link PinRule#DESCENDING_RUN} is on
 * @param minDaysBetweenChanges days (of 24 hours) the owner must wait between own changes, 1–7;
 *     used when {@link PinRule#CHANGED_TOO_RECENTLY} is on
 * @param expiryEnabled whether PINs expire
 * @param expiryDays days after which a PIN expires, 15–180 (checked even when expiry is off)
 * @param lockoutEnabled whether wrong PINs on the phone lock the mailbox
 * @param maxFailedAttempts wrong PINs before lockout, 1–10 (checked even when lockout is off)
 */
public record PinPolicy(
		int minLength,
		int maxLength,
		int historyDepth,
		int maxRepeatedDigit,
		Set<PinRule> enabledRules,
		int minDistinctDigits,
		int maxAscendingRun,
		int maxDescendingRun,
		int minDaysBetweenChanges,
		boolean expiryEnabled,
		int expiryDays,
		boolean lockoutEnabled,
		int maxFailedAttempts) {

	/** The system-wide default {@link #historyDepth()}. */
	public static final int DEFAULT_HISTORY_DEPTH = 10;
	/** The default {@link #historyDepth()} for government organisations. */
	public static final int GOVERNMENT_HISTORY_DEPTH = 24;

	static final int MIN_LENGTH_FLOOR = 4;
	static final int MAX_LENGTH_CEILING = 30;
	static final int MAX_HISTORY_DEPTH = 50;

	private static final PinPolicy DEFAULTS = defaults(DEFAULT_HISTORY_DEPTH);
	private static final PinPolicy GOVERNMENT_DEFAULTS = defaults(GOVERNMENT_HISTORY_DEPTH);

	/** @throws IllegalArgumentException naming the first setting out of range and its value */
	public PinPolicy {
		requireRange("minLength", minLength, MIN_LENGTH_FLOOR, MAX_LENGTH_CEILING);
		requireRange("maxLength", maxLength, minLength, MAX_LENGTH_CEILING);
		requireRange("historyDepth", historyDepth, 0, MAX_HISTORY_DEPTH);
		requireRange("maxRepeatedDigit", maxRepeatedDigit, 1, 6);
		requireRange("minDistinctDigits", minDistinctDigits, 2, 10);
		requireRange("maxAscendingRun", maxAscendingRun, 2, 5);
		requireRange("maxDescendingRun", maxDescendingRun, 2, 5);
		requireRange("minDaysBetweenChanges", minDaysBetweenChanges, 1, 7);
		requireRange("expiryDays", expiryDays, 15, 180);
		requireRange("maxFailedAttempts", maxFailedAttempts, 1, 10);
		Objects.requireNonNull(enabledRules, "enabledRules");
		EnumSet<PinRule> switchable = EnumSet.noneOf(PinRule.class);
		switchable.addAll(enabledRules);
		switchable.removeIf(PinRule::alwaysOn);
		enabledRules = Collections.unmodifiableSet(switchable);
	}

	private static void requireRange(String setting, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(setting + " must be " + min + "–" + max + ": " + value);
		}
	}

	/** The specification's defaults with the system-wide history depth of {@value #DEFAULT_HISTORY_DEPTH}. */
	public static PinPolicy defaults() {
		return DEFAULTS;
	}

	/** The specification's defaults; the history depth is {@value #GOVERNMENT_HISTORY_DEPTH} for a government organisation. */
	public static PinPolicy defaults(boolean government) {
		return government ? GOVERNMENT_DEFAULTS : DEFAULTS;
	}

	private static PinPolicy defaults(int historyDepth) {
		return new PinPolicy(6, MAX_LENGTH_CEILING, historyDepth, 2, PinRule.defaultEnabled(),
				3, 3, 3, 1, false, 180, true, 3);
	}

	/** True if the rule is checked under this policy; always true for rules 1–4. */
	public boolean isEnabled(PinRule rule) {
		return rule.alwaysOn() || enabledRules.contains(rule);
	}

	public PinPolicy withMinLength(int minLength) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withMaxLength(int maxLength) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withHistoryDepth(int historyDepth) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withMaxRepeatedDigit(int maxRepeatedDigit) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	/**
	 * This policy with one switchable rule turned on or off.
	 *
	 * @throws IllegalArgumentException for rules 1–4, which are always on
	 */
	public PinPolicy withRule(PinRule rule, boolean enabled) {
		if (rule.alwaysOn()) {
			throw new IllegalArgumentException("rule is always on and cannot be switched: " + rule);
		}
		EnumSet<PinRule> rules = EnumSet.noneOf(PinRule.class);
		rules.addAll(enabledRules);
		if (enabled) {
			rules.add(rule);
		} else {
			rules.remove(rule);
		}
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, rules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withMinDistinctDigits(int minDistinctDigits) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withMaxAscendingRun(int maxAscendingRun) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withMaxDescendingRun(int maxDescendingRun) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withMinDaysBetweenChanges(int minDaysBetweenChanges) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withExpiry(boolean expiryEnabled, int expiryDays) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}

	public PinPolicy withLockout(boolean lockoutEnabled, int maxFailedAttempts) {
		return new PinPolicy(minLength, maxLength, historyDepth, maxRepeatedDigit, enabledRules,
				minDistinctDigits, maxAscendingRun, maxDescendingRun, minDaysBetweenChanges,
				expiryEnabled, expiryDays, lockoutEnabled, maxFailedAttempts);
	}
}
