package org.voxbox.portal;

import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** English and Dutch: before sign-in the browser's language, after it the person's stored one. */
class LanguageTest extends BrowserTest {

	private static final String PASSWORD = "taal wachtwoord";

	@Test
	void signInPageIsDutchWhenTheBrowserAsksForDutch() {
		page("/signin");
		assertThat(page.locator("html")).hasAttribute("lang", "en");
		String englishSubmit = page.locator("#signin-submit").innerText();
		String englishEmailLabel = page.locator("label[for=email]").innerText();

		useLocale("nl-NL");
		page("/signin");

		assertThat(page.locator("html")).hasAttribute("lang", "nl");
		assertThat(page.locator("#signin-submit")).not().hasText(englishSubmit);
		assertThat(page.locator("#signin-submit")).not().isEmpty();
		assertThat(page.locator("label[for=email]")).not().hasText(englishEmailLabel);
	}

	@Test
	void dutchPersonGetsADutchProfileWhateverTheBrowserSays() {
		TestPerson english = voicemailUserWithPassword("Ivy", "English", "en", PASSWORD);
		signIn(english.email(), PASSWORD);
		String englishHeading = page.locator("h1").innerText();
		String englishButton = page.locator("#reset-pin").innerText();

		useLocale("en-US");
		TestPerson dutch = voicemailUserWithPassword("Joost", "Nederlander", "nl", PASSWORD);
		signIn(dutch.email(), PASSWORD);

		assertThat(page.locator("html")).hasAttribute("lang", "nl");
		assertThat(page.locator("h1")).not().hasText(englishHeading);
		assertThat(page.locator("#reset-pin")).not().hasText(englishButton);
		assertThat(page.locator("select#language")).hasValue("nl");
	}

	@Test
	void pinDialogSpeaksDutchToADutchPerson() {
		TestPerson en = voicemailUserWithoutNumbers("Kees", "English", "en", PASSWORD);
		signIn(en.email(), PASSWORD);
		openPinDialog();
		String englishTooShort = requirementText("TOO_SHORT");

		useLocale("nl-NL");
		TestPerson nl = voicemailUserWithoutNumbers("Kees", "Dutch", "nl", PASSWORD);
		signIn(nl.email(), PASSWORD);
		openPinDialog();
		page.locator("#new-pin").fill("1234");
		page.locator("#confirm-pin").fill("12");

		assertThat(page.locator("#pin-requirements > li[data-code=TOO_SHORT]")).hasAttribute("data-met", "false");
		assertThat(page.locator("#pin-requirements > li[data-code=SEQUENCE]")).hasAttribute("data-met", "false");
		assertThat(requirementText("TOO_SHORT")).isNotBlank().isNotEqualTo(englishTooShort);
		assertThat(page.locator("#pin-requirements > li[data-code=IN_HISTORY] .when")).hasText("gecontroleerd bij verzenden");
		assertThat(page.locator("#pin-requirements > li[data-code=REVERSE_OF_CURRENT]")).hasAttribute("data-met", "on-submit");
		screenshot("pin-dialog-nl", false);
	}

	private String requirementText(String code) {
		return page.locator("#pin-requirements > li[data-code=" + code + "] .text").innerText();
	}
}
