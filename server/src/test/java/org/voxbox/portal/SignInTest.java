package org.voxbox.portal;

import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing in to the portal with an email and password. */
class SignInTest extends BrowserTest {

	@Test
	void wrongPasswordShowsAnAlertAndStaysOnSignIn() {
		TestPerson ann = personWithPassword("Ann", "Signin", "en", "the right password");

		page("/signin");
		page.locator("#email").fill(ann.email());
		page.locator("#password").fill("a wrong password");
		page.locator("#signin-submit").click();

		assertThat(page.locator(".alert[role=alert]")).isVisible();
		assertThat(page.locator("#signin-error")).isVisible();
		assertThat(page.locator("form#signin")).isVisible();
		assertThat(currentPath()).startsWith("/signin");
		assertThat(page.content()).doesNotContain("a wrong password");
		assertThat(page("/profile").locator("#profile-email")).hasCount(0);
	}

	@Test
	void rightPasswordLandsOnProfile() {
		TestPerson bob = personWithPassword("Bob", "Signin", "en", "the right password");

		signIn(bob.email(), "the right password");

		assertThat(currentPath()).isEqualTo("/profile");
		assertThat(page.locator("#profile-email")).hasText(bob.email());
		assertThat(page.locator("#profile-name")).containsText("Bob Signin");
		assertThat(page.locator("nav#nav a#nav-profile")).isVisible();
		assertThat(page.locator("a#nav-admin-people")).hasCount(0);
	}

	@Test
	void signedOutVisitorIsSentToSignIn() {
		page("/profile");

		assertThat(currentPath()).startsWith("/signin");
		assertThat(page.locator("form#signin")).isVisible();
	}

	@Test
	void signOutEndsTheSession() {
		TestPerson cas = personWithPassword("Cas", "Signin", "en", "the right password");
		signIn(cas.email(), "the right password");

		page.locator("#signout-submit").click();
		page.waitForURL(url -> !url.contains("/profile"));

		page("/profile");
		assertThat(currentPath()).startsWith("/signin");
	}
}
