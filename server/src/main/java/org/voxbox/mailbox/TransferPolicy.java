package org.voxbox.mailbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An organisation's transfer destinations, as its administrator sets them. Extensions of the organisation's
 * people are always allowed; premium-rate and shared-cost numbers and feature codes never are.
 *
 * @param nationalNumbers whether fixed, mobile and toll-free numbers of {@code voxbox.directory.phone-region} are
 * allowed
 * @param allowedPrefixes E.164 prefixes ({@code +44}, {@code +3120}) under which any valid number but a premium-rate
 * or shared-cost one is allowed; at most {@value #MAX_PREFIXES}, none listed twice
 */
record TransferPolicy(boolean nationalNumbers, List<String> allowedPrefixes) {

	static final int MAX_PREFIXES = 20;

	/** A {@code +}, a country code's first digit, and up to 14 more digits: at most the 16 characters of an E.164 number. */
	private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{0,14}");

	TransferPolicy {
		if (allowedPrefixes.size() > MAX_PREFIXES) {
			throw new IllegalArgumentException("at most " + MAX_PREFIXES + " allowed prefixes: " + allowedPrefixes.size());
		}
		Set<String> seen = new HashSet<>();
		for (String prefix : allowedPrefixes) {
			if (prefix == null || !PREFIX.matcher(prefix).matches()) {
				throw new IllegalArgumentException("an allowed prefix must be + and 1 to 15 digits, e.g. +44: "
						+ shown(prefix));
			}
			if (!seen.add(prefix)) {
				throw new IllegalArgumentException("allowed prefix listed twice: " + prefix);
			}
		}
		allowedPrefixes = List.copyOf(allowedPrefixes);
	}

	/** Extensions and national numbers; nothing abroad. */
	static TransferPolicy defaults() {
		return new TransferPolicy(true, List.of());
	}

	TransferPolicy withNationalNumbers(boolean on) {
		return new TransferPolicy(on, allowedPrefixes);
	}

	TransferPolicy withAllowedPrefixes(List<String> prefixes) {
		return new TransferPolicy(nationalNumbers, prefixes);
	}

	/** A refused value as an error message may show it: printable, and cut to 20 characters. */
	private static String shown(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		String printable = value.codePoints()
			.map(c -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return printable.codePointCount(0, printable.length()) > 20
				? printable.substring(0, printable.offsetByCodePoints(0, 20)) + "…" : printable;
	}

	/** The policy in one line for the audit trail; at most 385 characters. */
	String describe() {
		return "nationalNumbersEnabled=" + nationalNumbers + "; allowedPrefixes=" + String.join(",", allowedPrefixes);
	}
}
