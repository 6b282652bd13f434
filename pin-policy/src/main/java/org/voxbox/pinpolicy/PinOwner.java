package org.voxbox.pinpolicy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The person whose PIN is checked. The keypad spellings of the name and the digit forms of the
 * extension and phone number are derived once, at construction (the phone forms with
 * libphonenumber), so checks stay cheap. Immutable and thread-safe; equality is by the four
 * given values.
 */
public final class PinOwner {

	private static final int MAX_E164_DIGITS = 15;

	private final String firstName;
	private final String lastName;
	private final @Nullable String extension;
	private final @Nullable String phoneE164;
	private final List<String> numberForms;
	private final List<String> reversedNumberForms;
	private final List<String> nameSpellings;

	/**
	 * @param firstName the first name as written, possibly empty
	 * @param lastName the last name as written, possibly empty
	 * @param extension the extension, ASCII digits only, or null if none
	 * @param phoneE164 the phone number in E.164 form ({@code +} and up to 15 digits, no spaces), or null if none
	 * @throws IllegalArgumentException if the extension has a non-digit or the phone number is not E.164
	 */
	public PinOwner(String firstName, String lastName, @Nullable String extension, @Nullable String phoneE164) {
		this.firstName = Objects.requireNonNull(firstName, "firstName");
		this.lastName = Objects.requireNonNull(lastName, "lastName");
		if (extension != null && !PinChecker.isAsciiDigits(extension)) {
			throw new IllegalArgumentException("extension must be digits: " + extension);
		}
		this.extension = extension;
		this.phoneE164 = phoneE164;

		Set<String> forms = new LinkedHashSet<>();
		if (extension != null && extension.length() >= 2) {
			forms.add(extension);
		}
		if (phoneE164 != null) {
			forms.addAll(phoneForms(phoneE164));
		}
		this.numberForms = List.copyOf(forms);
		List<String> reversed = new ArrayList<>(forms.size());
		for (String form : forms) {
			reversed.add(new StringBuilder(form).reverse().toString());
		}
		this.reversedNumberForms = List.copyOf(reversed);

		Set<String> spellings = new LinkedHashSet<>();
		String first = KeypadSpelling.of(firstName);
		String last = KeypadSpelling.of(lastName);
		for (String spelling : List.of(first, last, first + last)) {
			if (!spelling.isEmpty()) {
				spellings.add(spelling);
			}
		}
		this.nameSpellings = List.copyOf(spellings);
	}

	private static List<String> phoneForms(String phoneE164) {
		if (!isE164Shape(phoneE164)) {
			throw new IllegalArgumentException("phoneE164 must be E.164 (+ and up to 15 digits): " + phoneE164);
		}
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		PhoneNumber number;
		try {
			number = util.parse(phoneE164, null);
		} catch (NumberParseException e) {
			throw new IllegalArgumentException("phoneE164 must be E.164 (" + e.getMessage() + "): " + phoneE164, e);
		}
		String international = util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
		String significant = util.getNationalSignificantNumber(number);
		String national = digitsOf(util.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL));
		List<String> forms = new ArrayList<>(3);
		for (String form : List.of(international, significant, national)) {
			if (!form.isEmpty()) {
				forms.add(form);
			}
		}
		return forms;
	}

	private static boolean isE164Shape(String s) {
		int digits = s.length() - 1;
		return s.startsWith("+") && digits >= 2 && digits <= MAX_E164_DIGITS
				&& s.charAt(1) != '0' && PinChecker.isAsciiDigits(s.substring(1));
	}

	private static String digitsOf(String s) {
		StringBuilder digits = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= '0' && c <= '9') {
				digits.append(c);
			}
		}
		return digits.toString();
	}

	public String firstName() {
		return firstName;
	}

	public String lastName() {
		return lastName;
	}

	public @Nullable String extension() {
		return extension;
	}

	public @Nullable String phoneE164() {
		return phoneE164;
	}

	/**
	 * The distinct digit strings a PIN must not contain: the extension if it has 2+ digits, then
	 * the phone number's international digits without {@code +}, its national significant number
	 * and its national dialling form. {@code +31201234567} gives {@code 31201234567},
	 * {@code 201234567}, {@code 0201234567}. Unmodifiable.
	 */
	public List<String> numberForms() {
		return numberForms;
	}

	/** {@link #numberForms()}, each read backwards, in the same order. */
	List<String> reversedNumberForms() {
		return reversedNumberForms;
	}

	/**
	 * The distinct, non-empty keypad spellings of the first name, the last name, and the first
	 * name followed by the last name, in that order. Unmodifiable.
	 */
	public List<String> nameSpellings() {
		return nameSpellings;
	}

	@Override
	public boolean equals(@Nullable Object o) {
		return o instanceof PinOwner other
				&& firstName.equals(other.firstName)
				&& lastName.equals(other.lastName)
				&& Objects.equals(extension, other.extension)
				&& Objects.equals(phoneE164, other.phoneE164);
	}

	@Override
	public int hashCode() {
		return Objects.hash(firstName, lastName, extension, phoneE164);
	}

	@Override
	public String toString() {
		return "PinOwner[firstName=" + firstName + ", lastName=" + lastName
				+ ", extension=" + extension + ", phoneE164=" + phoneE164 + "]";
	}
}
