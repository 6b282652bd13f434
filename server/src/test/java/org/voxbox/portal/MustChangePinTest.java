package org.voxbox.portal;

import org.junit.jupiter.api.Test;
import org.voxbox.Api;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** A PIN the administrator reset must be changed: sign-in goes straight to the open dialog. */
class MustChangePinTest extends BrowserTest {

	private static final String PASSWORD = "must change password";

	@Test
	void personWhosePinWasResetLandsInTheOpenDialog() {
		TestPerson pam = voicemailUserWithoutNumbers("Pam", "Reset", "en", PASSWORD);
		Api.Response reset = api.post("/v1/people/" + pam.id() + "/features/voicemail/actions/resetPin/invoke", ADMIN_TOKEN,
				null);
		assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
		String temporary = reset.json().get("passcode").asString();

		signIn(pam.email(), PASSWORD);

		assertThat(currentPath()).isEqualTo("/profile?pin=change");
		assertThat(page.locator("dialog#pin-dialog")).isVisible();
		assertThat(page.locator("#new-pin")).isFocused();
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "must-change");
		assertThat(page.content()).doesNotContain(temporary);
	}

	@Test
	void personWithoutPinToChangeLandsOnPlainProfile() {
		TestPerson quin = voicemailUserWithoutNumbers("Quin", "Fine", "en", PASSWORD);
		assertThat(setOwnPin(quin, validPins(1, 7101).get(0)).status()).isEqualTo(204);

		signIn(quin.email(), PASSWORD);

		assertThat(currentPath()).isEqualTo("/profile");
		assertThat(page.locator("dialog#pin-dialog")).isHidden();
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "set");
	}
}
