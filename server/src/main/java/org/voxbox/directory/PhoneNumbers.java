package org.voxbox.directory;

import java.util.ArrayList;
import java.util.List;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Phone numbers as people type or dial them, made E.164 with libphonenumber and the configured region. */
@Component
public class PhoneNumbers {

	private final String region;

	PhoneNumbers(DirectorySettings settings) {
		this.region = settings.phoneRegion().isEmpty() ? "ZZ" : settings.phoneRegion();
	}

	/** The E.164 form of a valid number, or null. International input ({@code +…}) needs no region. */
	public @Nullable String e164(String value) {
		if (value.length() > 40) {
			return null;
		}
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		try {
			Phonenumber.PhoneNumber number = util.parse(value, region);
			return util.isValidNumber(number) ? util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	/**
	 * The E.164 numbers a dialled string of digits may mean: itself with a {@code +} (international digits),
	 * and its national reading in the configured region.
	 */
	public List<String> dialled(String digits) {
		List<String> candidates = new ArrayList<>();
		String international = e164(digits.startsWith("+") ? digits : "+" + digits);
		if (international != null) {
			candidates.add(international);
		}
		if (!digits.startsWith("+")) {
			String national = e164(digits);
			if (national != null && !candidates.contains(national)) {
				candidates.add(national);
			}
		}
		return candidates;
	}
}
