package org.voxbox.telephony;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.voxbox.mailbox.VoiceMessages;

import static org.assertj.core.api.Assertions.assertThat;

/** What the phone menu says for numbers, dates, times and callers, in English and Dutch. */
class SpokenTest {

	private static final Locale EN = Locale.ENGLISH;

	private static final Locale NL = Locale.forLanguageTag("nl");

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 25, 21, 41, 0, 0, AMSTERDAM);

	@Test
	void numbersAreWordsComposedFromZeroToNinetyNine() {
		assertThat(Spoken.number(0, EN)).containsExactly("n0");
		assertThat(Spoken.number(21, NL)).containsExactly("n21");
		assertThat(Spoken.number(100, EN)).containsExactly("n1", "hundred");
		assertThat(Spoken.number(100, NL)).containsExactly("hundred");
		assertThat(Spoken.number(342, EN)).containsExactly("n3", "hundred", "n42");
		assertThat(Spoken.number(1005, NL)).containsExactly("thousand", "n5");
		assertThat(Spoken.number(2025, EN)).containsExactly("n2", "thousand", "n25");
		assertThat(Spoken.number(12345, EN)).containsExactly("1", "2", "3", "4", "5");
	}

	@Test
	void everyPromptItNamesExists() {
		Prompts prompts = new Prompts();
		for (Locale language : Prompts.LANGUAGES) {
			for (long n : new long[] { 0, 7, 19, 99, 100, 101, 999, 1000, 1999, 9999, 10000 }) {
				Spoken.number(n, language).forEach(name -> prompts.get(language, name, org.voxbox.media.G711.ULAW));
			}
			Spoken.promptNames().forEach(name -> assertThat(prompts.get(language, name, org.voxbox.media.G711.ALAW)).isNotEmpty());
		}
	}

	@Test
	void countsAreSingularForOneAndPluralOtherwise() {
		assertThat(Spoken.counts(1, 12, EN)).containsExactly("you_have", "n1", "new_message", "n12", "saved_messages");
		assertThat(Spoken.counts(0, 1, NL)).containsExactly("you_have", "n0", "new_messages", "n1", "saved_message");
		assertThat(Spoken.counts(120, 0, EN)).containsExactly("you_have", "n1", "hundred", "n20", "new_messages", "n0",
				"saved_messages");
	}

	@Test
	void timesAreTwelveHourInEnglishAndTwentyFourHourInDutch() {
		assertThat(Spoken.time(21, 41, EN)).containsExactly("n9", "n41", "pm");
		assertThat(Spoken.time(9, 5, EN)).containsExactly("n9", "oh", "n5", "am");
		assertThat(Spoken.time(0, 0, EN)).containsExactly("n12", "am");
		assertThat(Spoken.time(12, 30, EN)).containsExactly("n12", "n30", "pm");
		assertThat(Spoken.time(21, 41, NL)).containsExactly("n21", "uur", "n41");
		assertThat(Spoken.time(9, 0, NL)).containsExactly("n9", "uur");
	}

	@Test
	void daysAreTodayYesterdayAWeekdayOrTheDate() {
		LocalDate today = NOW.toLocalDate();
		assertThat(Spoken.day(today, today, EN)).containsExactly("today");
		assertThat(Spoken.day(today.minusDays(1), today, NL)).containsExactly("yesterday");
		assertThat(Spoken.day(today.minusDays(2), today, EN)).containsExactly("monday");
		assertThat(Spoken.day(LocalDate.of(2026, 3, 2), today, EN)).containsExactly("march", "ord2");
		assertThat(Spoken.day(LocalDate.of(2026, 3, 2), today, NL)).containsExactly("n2", "march");
		assertThat(Spoken.day(LocalDate.of(2025, 12, 31), today, EN)).containsExactly("december", "ord31", "n20", "n25");
		assertThat(Spoken.day(LocalDate.of(2025, 12, 31), today, NL)).containsExactly("n31", "december", "n2", "thousand", "n25");
	}

	@Test
	void theEnvelopeSaysWhenAndFromWhichNumberDigitByDigit() {
		VoiceMessages.Message known = message("+31 20 1234567", false, NOW.minusMinutes(3).toInstant());
		assertThat(Spoken.envelope(known, NOW, EN)).containsExactly("received", "today", "at", "n9", "n38", "pm", "from",
				"3", "1", "2", "0", "1", "2", "3", "4", "5", "6", "7");
		assertThat(Spoken.envelope(known, NOW, NL)).containsExactly("received", "today", "at", "n21", "uur", "n38", "from",
				"3", "1", "2", "0", "1", "2", "3", "4", "5", "6", "7");
	}

	@Test
	void anUrgentMessageIsSaidToBeUrgentFirst() {
		VoiceMessages.Message urgent = new VoiceMessages.Message(UUID.randomUUID(), UUID.randomUUID(), null, "12", false,
				NOW.toInstant(), 3000, true, false);
		assertThat(Spoken.envelope(urgent, NOW, EN)).startsWith("urgent", "received", "today");
	}

	@Test
	void aHiddenOrMissingCallerIsSaidSoAndHostileTextIsNotRead() {
		Instant at = NOW.minusDays(1).toInstant();
		assertThat(Spoken.envelope(message("0612345678", true, at), NOW, EN)).endsWith("from", "private_number");
		assertThat(Spoken.envelope(message(null, false, at), NOW, EN)).endsWith("from", "unknown_number");
		assertThat(Spoken.envelope(message("anonymous<script>", false, at), NOW, EN)).endsWith("from", "unknown_number");
	}

	private static VoiceMessages.Message message(String number, boolean hidden, Instant at) {
		return new VoiceMessages.Message(UUID.randomUUID(), UUID.randomUUID(), null, number, hidden, at, 3000, false, false);
	}
}
