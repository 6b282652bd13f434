package org.voxbox.portal;

import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** My profile: who the person is, and the voicemail section. */
class ProfileTest extends BrowserTest {

	private static final String PASSWORD = "profile password";

	@Test
	void profileShowsThePersonAndTheirPinState() {
		TestPerson eva = voicemailUserWithPassword("Eva", "Profile", "en", PASSWORD);
		signIn(eva.email(), PASSWORD);

		assertThat(page.locator("#profile-name")).hasText("Eva Profile");
		assertThat(page.locator("#profile-email")).hasText(eva.email());
		assertThat(page.locator("#profile-phone")).hasText(eva.phone());
		assertThat(page.locator("#profile-extension")).hasText(eva.extension());
		assertThat(page.locator("select#language")).hasValue("en");
		assertThat(page.locator("section#voicemail #pin-state")).hasAttribute("data-state", "not-set");
		assertThat(page.locator("section#voicemail button#reset-pin")).isVisible();
		assertThat(page.locator("#voicemail-disabled")).hasCount(0);
		assertThat(page.locator("dialog#pin-dialog")).isHidden();
		screenshot("profile-en");
	}

	@Test
	void voicemailOffShowsAMessageAndNoPinButton() {
		TestPerson fin = personWithPassword("Fin", "Nomail", "en", PASSWORD);
		signIn(fin.email(), PASSWORD);

		assertThat(page.locator("section#voicemail p#voicemail-disabled")).isVisible();
		assertThat(page.locator("section#voicemail p#voicemail-disabled")).not().isEmpty();
		assertThat(page.locator("#reset-pin")).hasCount(0);
		assertThat(page.locator("#pin-state")).hasCount(0);
		assertThat(page.locator("#pin-dialog")).hasCount(0);
	}

	@Test
	void languageChoiceIsStoredAndSwitchesThePage() {
		TestPerson gil = personWithPassword("Gil", "Taal", "en", PASSWORD);
		signIn(gil.email(), PASSWORD);
		String englishHeading = page.locator("h1").innerText();

		page.locator("select#language").selectOption("nl");
		page.locator("#language-save").click();

		assertThat(page.locator("html")).hasAttribute("lang", "nl");
		assertThat(page.locator("select#language")).hasValue("nl");
		assertThat(page.locator("h1")).not().hasText(englishHeading);
		assertThat(api.get("/v1/people/" + gil.id(), ADMIN_TOKEN).json().get("language").asString()).isEqualTo("nl");
	}

	@Test
	void personChangesTheirOwnPassword() {
		TestPerson hal = personWithPassword("Hal", "Password", "en", PASSWORD);
		signIn(hal.email(), PASSWORD);

		page.locator("#currentPassword").fill("not my password");
		page.locator("#newPassword").fill("a brand new password");
		page.locator("#confirmPassword").fill("a brand new password");
		page.locator("#password-save").click();
		assertThat(page.locator("#password-error[role=alert]")).isVisible();

		page.locator("#currentPassword").fill(PASSWORD);
		page.locator("#newPassword").fill("a brand new password");
		page.locator("#confirmPassword").fill("a brand new password");
		page.locator("#password-save").click();
		assertThat(page.locator("#password-changed[role=status]")).isVisible();
		assertThat(page.content()).doesNotContain("a brand new password").doesNotContain(PASSWORD);

		useLocale("en-US");
		page("/signin");
		page.locator("#email").fill(hal.email());
		page.locator("#password").fill(PASSWORD);
		page.locator("#signin-submit").click();
		assertThat(page.locator("#signin-error")).isVisible();
		signIn(hal.email(), "a brand new password");
		assertThat(currentPath()).isEqualTo("/profile");
	}
}
