package org.voxbox.pinpolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks candidate PINs against one {@link PinPolicy} and reports every broken rule in report
 * order. Stateless apart from the policy: immutable and safe to share between threads.
 *
 * <p>A check never stores, logs or returns the candidate. It consults the {@link PinHistory} at
 * most once per distinct string and per question, and not at all when the candidate is refused
 * as {@link PinRule#NOT_DIGITS}, empty, or longer than {@value #MAX_CODE_POINTS} code points.
 */
public final class PinChecker {

	/** Input longer than this many code points is refused as {@link PinRule#TOO_LONG} alone, unread. */
	static final int MAX_CODE_POINTS = 256;

	private static final PinRule[] RULES = PinRule.values();
	private static final PinCheck TOO_LONG_ONLY = new PinCheck(List.of(PinRule.TOO_LONG));
	private static final PinCheck[] SINGLE = new PinCheck[RULES.length];
	private static final boolean[] KEYPAD_TRIPLES = new boolean[1000];

	static {
		for (PinRule rule : RULES) {
			SINGLE[rule.ordinal()] = new PinCheck(List.of(rule));
		}
		for (String line : new String[] {"123", "456", "789", "147", "258", "580", "369", "159", "357"}) {
			int a = line.charAt(0) - '0';
			int b = line.charAt(1) - '0';
			int c = line.charAt(2) - '0';
			KEYPAD_TRIPLES[a * 100 + b * 10 + c] = true;
			KEYPAD_TRIPLES[c * 100 + b * 10 + a] = true;
		}
	}

	private final PinPolicy policy;
	private final int minLength;
	private final int maxLength;
	private final int historyDepth;
	private final int maxRepeatedDigit;
	private final int minDistinctDigits;
	private final int maxAscendingRun;
	private final int maxDescendingRun;
	private final Duration minTimeBetweenChanges;
	private final boolean inHistory;
	private final boolean reverseOfCurrent;
	private final boolean matchesName;
	private final boolean containsOwnNumber;
	private final boolean repeatedDigits;
	private final boolean repeatedGroup;
	private final boolean sequence;
	private final boolean keypadLine;
	private final boolean containsReversedNumber;
	private final boolean tooFewDistinctDigits;
	private final boolean ascendingRun;
	private final boolean descendingRun;
	private final boolean changedTooRecently;

	/** A checker for this policy; cheap to build, but meant to be kept and shared while the policy holds. */
	public PinChecker(PinPolicy policy) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.minLength = policy.minLength();
		this.maxLength = policy.maxLength();
		this.historyDepth = policy.historyDepth();
		this.maxRepeatedDigit = policy.maxRepeatedDigit();
		this.minDistinctDigits = policy.minDistinctDigits();
		this.maxAscendingRun = policy.maxAscendingRun();
		this.maxDescendingRun = policy.maxDescendingRun();
		this.minTimeBetweenChanges = Duration.ofDays(policy.minDaysBetweenChanges());
		this.inHistory = policy.isEnabled(PinRule.IN_HISTORY);
		this.reverseOfCurrent = policy.isEnabled(PinRule.REVERSE_OF_CURRENT);
		this.matchesName = policy.isEnabled(PinRule.MATCHES_NAME);
		this.containsOwnNumber = policy.isEnabled(PinRule.CONTAINS_OWN_NUMBER);
		this.repeatedDigits = policy.isEnabled(PinRule.REPEATED_DIGITS);
		this.repeatedGroup = policy.isEnabled(PinRule.REPEATED_GROUP);
		this.sequence = policy.isEnabled(PinRule.SEQUENCE);
		this.keypadLine = policy.isEnabled(PinRule.KEYPAD_LINE);
		this.containsReversedNumber = policy.isEnabled(PinRule.CONTAINS_REVERSED_NUMBER);
		this.tooFewDistinctDigits = policy.isEnabled(PinRule.TOO_FEW_DISTINCT_DIGITS);
		this.ascendingRun = policy.isEnabled(PinRule.ASCENDING_RUN);
		this.descendingRun = policy.isEnabled(PinRule.DESCENDING_RUN);
		this.changedTooRecently = policy.isEnabled(PinRule.CHANGED_TOO_RECENTLY);
	}

	public PinPolicy policy() {
		return policy;
	}

	/**
	 * Checks a candidate PIN.
	 *
	 * @param candidate the new PIN exactly as typed; never trimmed or cleaned
	 * @param confirmation the repeated entry, or null where the channel takes no confirmation (phone)
	 * @param owner the person whose PIN this is
	 * @param history the owner's PIN history; use {@link PinHistory#none()} for someone without a PIN
	 *     (then no history question is asked at all)
	 * @param now the current time, used only for {@link PinRule#CHANGED_TOO_RECENTLY}
	 * @return every broken rule, in report order
	 */
	public PinCheck check(String candidate, @Nullable String confirmation, PinOwner owner, PinHistory history,
			Instant now) {
		Objects.requireNonNull(candidate, "candidate");
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(history, "history");
		Objects.requireNonNull(now, "now");
		int n = candidate.length();
		if (n > MAX_CODE_POINTS
				&& (n > 2 * MAX_CODE_POINTS || candidate.codePointCount(0, n) > MAX_CODE_POINTS)) {
			return TOO_LONG_ONLY;
		}
		int broken = confirmation != null && !confirmation.equals(candidate)
				? bit(PinRule.CONFIRMATION_MISMATCH) : 0;
		if (!isAsciiDigits(candidate)) {
			return result(broken | bit(PinRule.NOT_DIGITS));
		}
		if (n == 0) {
			return result(broken | bit(PinRule.TOO_SHORT));
		}
		if (n < minLength) {
			broken |= bit(PinRule.TOO_SHORT);
		}
		if (n > maxLength) {
			broken |= bit(PinRule.TOO_LONG);
		}
		if (history != PinHistory.none()) {
			broken |= historyRules(candidate, history, now);
		}
		if (matchesName && owner.nameSpellings().contains(candidate)) {
			broken |= bit(PinRule.MATCHES_NAME);
		}
		if (containsOwnNumber && containsAny(candidate, owner.numberForms())) {
			broken |= bit(PinRule.CONTAINS_OWN_NUMBER);
		}
		if (repeatedDigits && longestRepeat(candidate) > maxRepeatedDigit) {
			broken |= bit(PinRule.REPEATED_DIGITS);
		}
		if (repeatedGroup && hasRepeatedGroup(candidate)) {
			broken |= bit(PinRule.REPEATED_GROUP);
		}
		if (sequence && isSequence(candidate)) {
			broken |= bit(PinRule.SEQUENCE);
		}
		if (keypadLine && hasKeypadLine(candidate)) {
			broken |= bit(PinRule.KEYPAD_LINE);
		}
		if (containsReversedNumber && containsAny(candidate, owner.reversedNumberForms())) {
			broken |= bit(PinRule.CONTAINS_REVERSED_NUMBER);
		}
		if (tooFewDistinctDigits && distinctDigits(candidate) < minDistinctDigits) {
			broken |= bit(PinRule.TOO_FEW_DISTINCT_DIGITS);
		}
		if (ascendingRun && longestRun(candidate, 1) > maxAscendingRun) {
			broken |= bit(PinRule.ASCENDING_RUN);
		}
		if (descendingRun && longestRun(candidate, 9) > maxDescendingRun) {
			broken |= bit(PinRule.DESCENDING_RUN);
		}
		return result(broken);
	}

	/**
	 * Rules 5, 6 and the change interval. A must-change current PIN is refused as its own
	 * replacement whatever the switches; when {@code contains} was asked with depth ≥ 1 it
	 * already covers the current PIN, so {@code isCurrent(candidate)} is not asked as well.
	 */
	private int historyRules(String candidate, PinHistory history, Instant now) {
		int broken = 0;
		boolean used;
		if (inHistory && historyDepth >= 1) {
			used = history.contains(candidate, historyDepth);
		} else {
			used = history.currentMustChange() && history.isCurrent(candidate);
		}
		if (used) {
			broken |= bit(PinRule.IN_HISTORY);
		}
		if (reverseOfCurrent && history.isCurrent(reversed(candidate))) {
			broken |= bit(PinRule.REVERSE_OF_CURRENT);
		}
		if (changedTooRecently) {
			Instant last = history.lastChangedByOwner();
			if (last != null && Duration.between(last, now).compareTo(minTimeBetweenChanges) < 0) {
				broken |= bit(PinRule.CHANGED_TOO_RECENTLY);
			}
		}
		return broken;
	}

	private static int bit(PinRule rule) {
		return 1 << rule.ordinal();
	}

	private static PinCheck result(int broken) {
		if (broken == 0) {
			return PinCheck.VALID;
		}
		if ((broken & (broken - 1)) == 0) {
			return SINGLE[Integer.numberOfTrailingZeros(broken)];
		}
		PinRule[] rules = new PinRule[Integer.bitCount(broken)];
		int k = 0;
		for (int rest = broken; rest != 0; rest &= rest - 1) {
			rules[k++] = RULES[Integer.numberOfTrailingZeros(rest)];
		}
		return new PinCheck(List.of(rules));
	}

	static boolean isAsciiDigits(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static String reversed(String digits) {
		int n = digits.length();
		char[] chars = new char[n];
		for (int i = 0; i < n; i++) {
			chars[i] = digits.charAt(n - 1 - i);
		}
		return new String(chars);
	}

	private static boolean containsAny(String candidate, List<String> forms) {
		for (int i = 0; i < forms.size(); i++) {
			if (candidate.contains(forms.get(i))) {
				return true;
			}
		}
		return false;
	}

	/** Length of the longest run of one digit. */
	static int longestRepeat(String digits) {
		int longest = 1;
		int run = 1;
		for (int i = 1; i < digits.length(); i++) {
			run = digits.charAt(i) == digits.charAt(i - 1) ? run + 1 : 1;
			longest = Math.max(longest, run);
		}
		return longest;
	}

	/**
	 * True if some group of {@code len ≥ 2} digits, not all one digit, is immediately followed by
	 * itself. For each {@code len}, counts how many positions in a row match the position
	 * {@code len} further on; {@code len} in a row is a repeated group.
	 */
	static boolean hasRepeatedGroup(String digits) {
		int n = digits.length();
		for (int len = 2; 2 * len <= n; len++) {
			int matching = 0;
			for (int j = 0; j + len < n; j++) {
				if (digits.charAt(j) != digits.charAt(j + len)) {
					matching = 0;
				} else if (++matching >= len && !allOneDigit(digits, j - len + 1, len)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean allOneDigit(String digits, int from, int len) {
		char first = digits.charAt(from);
		for (int i = from + 1; i < from + len; i++) {
			if (digits.charAt(i) != first) {
				return false;
			}
		}
		return true;
	}

	/** True if the whole string (3+ digits) steps by +1 throughout or by −1 throughout, modulo 10. */
	static boolean isSequence(String digits) {
		int n = digits.length();
		if (n < 3) {
			return false;
		}
		int step = step(digits, 1);
		if (step != 1 && step != 9) {
			return false;
		}
		for (int i = 2; i < n; i++) {
			if (step(digits, i) != step) {
				return false;
			}
		}
		return true;
	}

	/** The step from digit {@code i − 1} to digit {@code i}, modulo 10: 1 ascending, 9 descending. */
	private static int step(String digits, int i) {
		return (digits.charAt(i) - digits.charAt(i - 1) + 10) % 10;
	}

	/** Length of the longest run whose every step is {@code step} modulo 10 (1 ascending, 9 descending). */
	static int longestRun(String digits, int step) {
		int longest = 1;
		int run = 1;
		for (int i = 1; i < digits.length(); i++) {
			run = step(digits, i) == step ? run + 1 : 1;
			longest = Math.max(longest, run);
		}
		return longest;
	}

	static boolean hasKeypadLine(String digits) {
		for (int i = 2; i < digits.length(); i++) {
			int triple = (digits.charAt(i - 2) - '0') * 100 + (digits.charAt(i - 1) - '0') * 10 + (digits.charAt(i) - '0');
			if (KEYPAD_TRIPLES[triple]) {
				return true;
			}
		}
		return false;
	}

	static int distinctDigits(String digits) {
		int seen = 0;
		for (int i = 0; i < digits.length(); i++) {
			seen |= 1 << (digits.charAt(i) - '0');
		}
		return Integer.bitCount(seen);
	}
}
