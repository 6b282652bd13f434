package org.voxbox.pinpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PinOwnerTest {

	@ParameterizedTest(name = "{0} is spelled as {1}")
	@CsvSource(delimiter = '|', value = {
		"Jansen       | jansen",
		"Müller       | muller",
		"Çelik        | celik",
		"Þórsdóttir   | thorsdottir",
		"van der Berg | vanderberg",
		"O'Neil-Smit  | oneilsmit",
		"Straße       | strasse",
		"STRAẞE       | strasse",
		"Ærøskøbing   | aeroskobing",
		"Œuvre        | oeuvre",
		"Łukasz       | lukasz",
		"Đorđević     | dordevic",
		"Ðóra         | dora",
		"Yıldız       | yildiz",
		"İnce         | ince",
		"Ｊａｎ          | jan",
		"ĳsselmeer    | ijsselmeer",
	})
	void spellsNamesOnTheKeypadAfterNormalising(String name, String asciiEquivalent) {
		assertThat(KeypadSpelling.of(name)).isEqualTo(KeypadSpelling.of(asciiEquivalent)).isNotEmpty();
	}

	@Test
	void mapsLettersToKeypadDigits() {
		assertThat(KeypadSpelling.of("abcdefghijklmnopqrstuvwxyz")).isEqualTo("22233344455566677778889999");
		assertThat(KeypadSpelling.of("Jansen")).isEqualTo("526736");
		assertThat(KeypadSpelling.of("Þórsdóttir")).isEqualTo("84677368847");
		assertThat(KeypadSpelling.of("van der Berg")).isEqualTo("8263372374");
		assertThat(KeypadSpelling.of("O'Neil-Smit")).isEqualTo("663457648");
	}

	@ParameterizedTest
	@ValueSource(strings = {"Иван", "Ελένη", "王", "ħ", "", " - ' "})
	void dropsNamesWithoutLatinLetters(String name) {
		assertThat(KeypadSpelling.of(name)).isEmpty();
	}

	@Test
	void doesNotCheckANameThatSpellsNothing() {
		PinOwner cyrillic = new PinOwner("Иван", "Петров", null, null);
		assertThat(cyrillic.nameSpellings()).isEmpty();
		assertThat(new PinChecker(PinPolicy.defaults()).check("", null, cyrillic, PinHistory.none(), Fixtures.NOW)
				.violations()).containsExactly(PinRule.TOO_SHORT);
		PinOwner halfCyrillic = new PinOwner("Иван", "Jansen", null, null);
		assertThat(halfCyrillic.nameSpellings()).containsExactly("526736");
	}

	@Test
	void spellsFirstLastAndFirstFollowedByLast() {
		assertThat(new PinOwner("Eva", "Smit", null, null).nameSpellings()).containsExactly("382", "7648", "3827648");
	}

	@Test
	void derivesThreeDigitFormsOfADutchNumber() {
		PinOwner owner = new PinOwner("Jan", "Jansen", null, "+31201234567");
		assertThat(owner.numberForms()).containsExactly("31201234567", "201234567", "0201234567");
		assertThat(owner.reversedNumberForms()).containsExactly("76543210213", "765432102", "7654321020");
	}

	@Test
	void putsTheExtensionFirstAndDropsDuplicateForms() {
		assertThat(new PinOwner("A", "B", "4721", "+31201234567").numberForms())
				.containsExactly("4721", "31201234567", "201234567", "0201234567");
		assertThat(new PinOwner("A", "B", null, "+12025550123").numberForms())
				.containsExactly("12025550123", "2025550123");
		assertThat(new PinOwner("A", "B", "9", null).numberForms()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {"12a", " 12", "12 ", "١٢", "+12", "-1"})
	void refusesExtensionWithNonDigits(String extension) {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new PinOwner("A", "B", extension, null))
				.withMessage("extension must be digits: " + extension);
	}

	@ParameterizedTest
	@ValueSource(strings = {"31201234567", "+31 20 123 4567", "+", "+0201234567", "+1234567890123456", "+3120abc4567",
		""})
	void refusesPhoneNumberThatIsNotE164(String phone) {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new PinOwner("A", "B", null, phone))
				.withMessageStartingWith("phoneE164 must be E.164")
				.withMessageEndingWith(": " + phone);
	}

	@Test
	void refusesPhoneNumberWithUnknownCountryCode() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new PinOwner("A", "B", null, "+999123456"))
				.withMessageContaining("phoneE164");
	}

	@Test
	void equalsByTheGivenValues() {
		assertThat(new PinOwner("Jan", "Jansen", "4721", "+31201234567"))
				.isEqualTo(Fixtures.janJansenWithExtensionAndPhone())
				.hasSameHashCodeAs(Fixtures.janJansenWithExtensionAndPhone())
				.isNotEqualTo(new PinOwner("Jan", "Jansen", null, "+31201234567"));
	}
}
