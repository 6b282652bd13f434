package org.voxbox.telephony;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.voxbox.mailbox.VoiceMessages;

/**
 * Numbers, dates, times and callers as the names of the prompts that say them, in English or Dutch: words
 * are composed from the recorded numbers 0–99 ({@code n0} … {@code n99}), "hundred" and "thousand"; a caller's
 * number is read digit by digit. Pure, so the phone menu's wording is tested without audio.
 */
final class Spoken {

	private static final String[] MONTHS = { "january", "february", "march", "april", "may", "june", "july", "august",
			"september", "october", "november", "december" };

	private static final String[] WEEKDAYS = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
			"sunday" };

	private Spoken() {
	}

	/** {@code n} in words, 0 to 9999; larger numbers digit by digit. */
	static List<String> number(long n, Locale language) {
		List<String> names = new ArrayList<>();
		if (n < 0 || n > 9999) {
			return digits(Long.toString(Math.abs(n)));
		}
		boolean dutch = isDutch(language);
		long thousands = n / 1000;
		long hundreds = n / 100 % 10;
		long rest = n % 100;
		if (thousands > 0) {
			// Dutch says "duizend", not "een duizend"; English "one thousand".
			if (!(dutch && thousands == 1)) {
				names.add("n" + thousands);
			}
			names.add("thousand");
		}
		if (hundreds > 0) {
			if (!(dutch && hundreds == 1)) {
				names.add("n" + hundreds);
			}
			names.add("hundred");
		}
		if (rest > 0 || names.isEmpty()) {
			names.add("n" + rest);
		}
		return names;
	}

	/** "You have one new message, twelve saved messages." — the plural only where it belongs. */
	static List<String> counts(long unheard, long saved, Locale language) {
		List<String> names = new ArrayList<>();
		names.add("you_have");
		names.addAll(number(unheard, language));
		names.add(unheard == 1 ? "new_message" : "new_messages");
		names.addAll(number(saved, language));
		names.add(saved == 1 ? "saved_message" : "saved_messages");
		return names;
	}

	/** Each digit of {@code text} (other characters skipped): how a phone number or extension is read. */
	static List<String> digits(String text) {
		List<String> names = new ArrayList<>();
		for (char c : text.toCharArray()) {
			if (c >= '0' && c <= '9') {
				names.add(String.valueOf(c));
			}
		}
		return names;
	}

	/**
	 * When a message came and from whom: ("Urgent." when the caller marked it so) "Received today at 9 41 PM from 0 6 1 2 …" — "today", "yesterday",
	 * the weekday within the last week, else the date; Dutch with the 24-hour clock ("om 21 uur 41"); the
	 * number digit by digit, or "a private number" / "an unknown number".
	 */
	static List<String> envelope(VoiceMessages.Message message, ZonedDateTime now, Locale language) {
		List<String> names = new ArrayList<>();
		if (message.urgent()) {
			names.add("urgent");
		}
		names.add("received");
		ZonedDateTime at = message.received().atZone(now.getZone());
		names.addAll(day(at.toLocalDate(), now.toLocalDate(), language));
		names.add("at");
		names.addAll(time(at.getHour(), at.getMinute(), language));
		names.add("from");
		if (message.callerPrivate()) {
			names.add("private_number");
		}
		else if (message.callerNumber() == null || digits(message.callerNumber()).isEmpty()) {
			names.add("unknown_number");
		}
		else {
			names.addAll(digits(message.callerNumber()));
		}
		return names;
	}

	static List<String> day(LocalDate day, LocalDate today, Locale language) {
		long ago = ChronoUnit.DAYS.between(day, today);
		if (ago == 0) {
			return List.of("today");
		}
		if (ago == 1) {
			return List.of("yesterday");
		}
		if (ago > 1 && ago < 7) {
			return List.of(WEEKDAYS[day.getDayOfWeek().getValue() - 1]);
		}
		String month = MONTHS[day.getMonthValue() - 1];
		List<String> names = new ArrayList<>();
		if (isDutch(language)) {
			// "25 november"
			names.addAll(number(day.getDayOfMonth(), language));
			names.add(month);
		}
		else {
			// "November the 25th"
			names.add(month);
			names.add("ord" + day.getDayOfMonth());
		}
		if (day.getYear() != today.getYear()) {
			names.addAll(year(day.getYear(), language));
		}
		return names;
	}

	/** A year as people say it: "twenty twenty-five" in English; "tweeduizend vijfentwintig" in Dutch. */
	static List<String> year(int year, Locale language) {
		if (!isDutch(language) && year >= 1100 && year <= 9999 && year % 100 >= 10) {
			return List.of("n" + year / 100, "n" + year % 100);
		}
		return number(year, language);
	}

	/** English: "9 41 PM", "9 oh 5 AM", "9 AM"; Dutch: "21 uur 41", "9 uur". */
	static List<String> time(int hour, int minute, Locale language) {
		List<String> names = new ArrayList<>();
		if (isDutch(language)) {
			names.add("n" + hour);
			names.add("uur");
			if (minute > 0) {
				names.add("n" + minute);
			}
			return names;
		}
		int twelve = hour % 12 == 0 ? 12 : hour % 12;
		names.add("n" + twelve);
		if (minute > 0 && minute < 10) {
			names.add("oh");
		}
		if (minute > 0) {
			names.add("n" + minute);
		}
		names.add(hour < 12 ? "am" : "pm");
		return names;
	}

	/** Every prompt name this class may produce besides the fixed ones. */
	static List<String> promptNames() {
		List<String> names = new ArrayList<>();
		for (int n = 0; n <= 99; n++) {
			names.add("n" + n);
		}
		for (int n = 1; n <= 31; n++) {
			names.add("ord" + n);
		}
		names.addAll(List.of(MONTHS));
		names.addAll(List.of(WEEKDAYS));
		return names;
	}

	private static boolean isDutch(Locale language) {
		return "nl".equals(language.getLanguage());
	}
}
