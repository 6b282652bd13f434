package org.voxbox.portal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.voxbox.Api;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A temporary password an administrator sets must be changed at the first sign-in: every page sends to the
 * change-password page until it is, and it buys no API token with HTTP Basic.
 */
class TemporaryPasswordTest extends BrowserTest {

	private static final String OWN_PASSWORD = "a password I chose myself";

	@Test
	void temporaryPasswordMustBeChangedBeforeAnythingElse() {
		TestPerson tim = person("Tim", "Temporary", "en");
		signInAsAdmin();
		page("/admin/people/" + tim.id());
		page.locator("#password-reset-submit").click();
		String temporary = page.locator("code#temporary-password").innerText().strip();

		Api.Response refused = basicTokenRequest(tim.email(), temporary);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(refused.codes()).containsExactly("PASSWORD_CHANGE_REQUIRED");
		assertThat(refused.json().get("errors").get(0).get("errorCode").asInt()).isEqualTo(4032);
		assertThat(refused.json().get("message").asString()).contains("must be changed");
		assertThat(refused.text()).doesNotContain(temporary);
		assertThat(basicTokenRequest(tim.email(), "not the temporary one").status()).as("a wrong password is still 401")
			.isEqualTo(401);

		useLocale("en-US");
		signIn(tim.email(), temporary);
		assertThat(currentPath()).isEqualTo("/password");
		assertThat(page.locator("#password-must-change")).isVisible();
		for (String elsewhere : new String[] { "/profile", "/tokens", "/profile?pin=change" }) {
			page(elsewhere);
			assertThat(currentPath()).as(elsewhere).isEqualTo("/password");
		}

		page.locator("#currentPassword").fill(temporary);
		page.locator("#newPassword").fill(temporary);
		page.locator("#confirmPassword").fill(temporary);
		page.locator("#password-change-submit").click();
		assertThat(page.locator("#password-error[role=alert]")).isVisible();
		assertThat(currentPath()).as("the temporary password again is no change").isEqualTo("/password");

		page.locator("#currentPassword").fill(temporary);
		page.locator("#newPassword").fill(OWN_PASSWORD);
		page.locator("#confirmPassword").fill(OWN_PASSWORD);
		page.locator("#password-change-submit").click();

		page.waitForURL(url -> !url.contains("/password"));
		assertThat(currentPath()).isEqualTo("/profile");
		assertThat(page.locator("#password-changed[role=status]")).isVisible();
		assertThat(page.content()).doesNotContain(temporary).doesNotContain(OWN_PASSWORD);
		page("/tokens");
		assertThat(currentPath()).as("the portal is open now").isEqualTo("/tokens");
		Api.Response issued = basicTokenRequest(tim.email(), OWN_PASSWORD);
		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		assertThat(api.get("/v1/people/me", issued.json().get("token").asString()).json().get("id").asString())
			.isEqualTo(tim.id());
		assertThat(basicTokenRequest(tim.email(), temporary).status()).isEqualTo(401);
	}

	@Test
	void ownPasswordIsNotSentToTheChangePage() {
		TestPerson una = personWithPassword("Una", "Own", "en", OWN_PASSWORD);
		signIn(una.email(), OWN_PASSWORD);
		assertThat(currentPath()).isEqualTo("/profile");

		page("/password");

		assertThat(currentPath()).as("nothing to change: the profile's password form").startsWith("/profile");
	}

	private Api.Response basicTokenRequest(String email, String password) {
		return api.raw("POST", "/v1/people/me/tokens", Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)),
				"Content-Type", "application/json"), "{\"name\":\"cli\"}".getBytes(StandardCharsets.UTF_8));
	}
}
