package org.voxbox.mailbox;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * Whether a caller who presses 0 may be transferred to a destination, as the PBX would dial it. In this order:
 * <ol>
 * <li>{@code *} or {@code #} anywhere: a feature code, refused;</li>
 * <li>the extension of a person of the organisation: allowed;</li>
 * <li>a number libphonenumber does not know to be valid (read in {@code region} when it has no {@code +}):
 * refused;</li>
 * <li>a premium-rate or shared-cost number: refused, whatever the policy;</li>
 * <li>a number under one of the policy's allowed prefixes (compared in E.164): allowed;</li>
 * <li>anything but a fixed, mobile or toll-free number (UAN, VoIP, personal, pager…): refused;</li>
 * <li>a number of another region, or any number when no region is configured: refused;</li>
 * <li>a national number: allowed when the policy allows national numbers.</li>
 * </ol>
 * Plain Java: no Spring, no I/O (the organisation's extensions come as a predicate), thread-safe.
 */
final class TransferRules {

	/** What the API stores as a destination: digits, a leading {@code +}, and the refused {@code *} and {@code #}. */
	static final Pattern DESTINATION = Pattern.compile("\\+?[0-9*#]{2,20}");

	private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,10}");

	private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{2,20}");

	private static final Set<PhoneNumberType> ORDINARY = EnumSet.of(PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE,
			PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.TOLL_FREE);

	private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();

	private final String region;

	/** @param region the ISO 3166 region of national numbers ({@code NL}), or empty for none */
	TransferRules(String region) {
		this.region = region;
	}

	/**
	 * A destination as a log may show it: the first three characters of a number of ten or more (its country or
	 * trunk prefix, for triage) and the last two, or of a shorter one only the last; never all its digits.
	 */
	static String masked(String destination) {
		int n = destination.length();
		if (n >= 10) {
			return destination.substring(0, 3) + "…" + destination.substring(n - 2);
		}
		return n < 2 ? "…" : "…" + destination.substring(n - 1);
	}

	/**
	 * The rule that refuses {@code destination} under {@code policy}, or empty when a caller may be transferred
	 * there.
	 *
	 * @param organisationExtension whether a string of 2–10 digits is the extension of a person of the organisation
	 */
	Optional<TransferRule> refusal(String destination, TransferPolicy policy, Predicate<String> organisationExtension) {
		if (destination.indexOf('*') >= 0 || destination.indexOf('#') >= 0) {
			return Optional.of(TransferRule.FEATURE_CODE);
		}
		if (!NUMBER.matcher(destination).matches()) {
			return Optional.of(TransferRule.NOT_A_NUMBER);
		}
		if (EXTENSION.matcher(destination).matches() && organisationExtension.test(destination)) {
			return Optional.empty();
		}
		Phonenumber.PhoneNumber number;
		try {
			number = PHONE.parse(destination, region.isEmpty() ? "ZZ" : region);
		}
		catch (NumberParseException ex) {
			return Optional.of(TransferRule.NOT_A_NUMBER);
		}
		if (!PHONE.isValidNumber(number)) {
			return Optional.of(TransferRule.NOT_A_NUMBER);
		}
		PhoneNumberType type = PHONE.getNumberType(number);
		if (type == PhoneNumberType.PREMIUM_RATE) {
			return Optional.of(TransferRule.PREMIUM_RATE);
		}
		if (type == PhoneNumberType.SHARED_COST) {
			return Optional.of(TransferRule.SHARED_COST);
		}
		String e164 = PHONE.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
		if (policy.allowedPrefixes().stream().anyMatch(e164::startsWith)) {
			return Optional.empty();
		}
		if (!ORDINARY.contains(type)) {
			return Optional.of(TransferRule.SPECIAL_NUMBER);
		}
		if (region.isEmpty() || !region.equals(PHONE.getRegionCodeForNumber(number))) {
			return Optional.of(TransferRule.INTERNATIONAL);
		}
		return policy.nationalNumbers() ? Optional.empty() : Optional.of(TransferRule.NATIONAL_NUMBERS_OFF);
	}
}
