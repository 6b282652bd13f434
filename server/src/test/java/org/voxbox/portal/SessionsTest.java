package org.voxbox.portal;

import java.time.Duration;
import java.util.Map;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.voxbox.Api;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portal session follows the directory: what an administrator changes about a person — their role, their
 * existence, their password — holds for the person's open sessions from their next request on, and no session
 * outlives its absolute lifetime (12 hours by default), however busy.
 */
class SessionsTest extends BrowserTest {

	private static final String PASSWORD = "sessions password";

	@Test
	void demotedAdministratorCannotCreateAnAdministratorFromAnOpenPage() {
		TestPerson ada = person(ADMIN_TOKEN, "Ada", "Demoted", "en", "ADMIN", null, null);
		passwords.setPassword(ada.id(), PASSWORD);
		signIn(ada.email(), PASSWORD);
		page("/admin/people/new");
		assertThat(page.locator("a#nav-admin-people")).isVisible();

		Api.Response demoted = api.put("/v1/people/" + ada.id(), ADMIN_TOKEN, Map.of("emails", java.util.List.of(ada.email()),
				"firstName", "Ada", "lastName", "Demoted", "language", "en", "role", "USER"));
		assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);

		String email = "mallory." + unique() + "." + System.nanoTime() + "@example.com";
		page.locator("#firstName").fill("Mallory");
		page.locator("#lastName").fill("Elevated");
		page.locator("#email").fill(email);
		page.locator("select#role").selectOption("ADMIN");
		Response answer = page.waitForResponse(r -> "POST".equals(r.request().method()),
				() -> page.locator("#person-save").click());

		assertThat(answer.status()).as("the administrators' pages are gone for a user").isEqualTo(404);
		assertThat(api.get("/v1/people?email=" + email, ADMIN_TOKEN).json().get("items").size()).as("nobody created")
			.isEqualTo(0);
		page("/profile");
		assertThat(page.locator("#profile-email")).hasText(ada.email());
		assertThat(page.locator("a#nav-admin-people")).hasCount(0);
	}

	@Test
	void deletedPersonsSessionEndsOnTheNextRequest() {
		TestPerson del = personWithPassword("Del", "Deleted", "en", PASSWORD);
		signIn(del.email(), PASSWORD);
		assertThat(page.locator("#profile-email")).hasText(del.email());

		assertThat(api.delete("/v1/people/" + del.id(), ADMIN_TOKEN).status()).isEqualTo(204);
		page("/profile");

		assertThat(currentPath()).isEqualTo("/signin?ended");
		assertThat(page.locator("#signin-ended[role=status]")).isVisible();
		assertThat(page.locator("nav#nav")).hasCount(0);
	}

	@Test
	void temporaryPasswordFromAnAdministratorEndsThePersonsSessions() {
		TestPerson ted = personWithPassword("Ted", "Reset", "en", PASSWORD);
		signIn(ted.email(), PASSWORD);
		Page admin = anotherBrowser();
		signIn(admin, passwords.bootstrapAdminWithPassword(ADMIN_PASSWORD), ADMIN_PASSWORD);
		admin.navigate("/admin/people/" + ted.id());

		admin.locator("#password-reset-submit").click();
		assertThat(admin.locator("code#temporary-password")).isVisible();

		page("/tokens");
		assertThat(currentPath()).isEqualTo("/signin?ended");
		assertThat(page.locator("#signin-ended")).isVisible();
		page("/profile");
		assertThat(currentPath()).as("still signed out").startsWith("/signin");
	}

	@Test
	void ownPasswordChangeKeepsThisSessionAndEndsTheOthers() {
		TestPerson oda = personWithPassword("Oda", "Devices", "en", PASSWORD);
		Page phone = anotherBrowser();
		signIn(phone, oda.email(), PASSWORD);
		signIn(oda.email(), PASSWORD);

		page.locator("#currentPassword").fill(PASSWORD);
		page.locator("#newPassword").fill("a password of my own");
		page.locator("#confirmPassword").fill("a password of my own");
		page.locator("#password-save").click();
		assertThat(page.locator("#password-changed[role=status]")).isVisible();

		page("/tokens");
		assertThat(currentPath()).as("the session that changed it stays").isEqualTo("/tokens");
		assertThat(page.locator("a#nav-profile")).isVisible();
		phone.navigate("/profile");
		assertThat(pathOf(phone)).as("the other device is signed out").isEqualTo("/signin?ended");
		signIn(phone, oda.email(), "a password of my own");
		assertThat(pathOf(phone)).isEqualTo("/profile");
	}

	@Test
	void sessionEndsTwelveHoursAfterSignInHoweverBusy() {
		TestPerson lea = personWithPassword("Lea", "Lifetime", "en", PASSWORD);
		signIn(lea.email(), PASSWORD);

		clock.advance(Duration.ofHours(11).plusMinutes(59));
		page("/tokens");
		assertThat(currentPath()).as("within the lifetime").isEqualTo("/tokens");

		clock.advance(Duration.ofMinutes(2));
		page("/profile");
		assertThat(currentPath()).as("past twelve hours since sign-in").isEqualTo("/signin?ended");
		signIn(lea.email(), PASSWORD);
		assertThat(currentPath()).as("a new sign-in starts a new lifetime").isEqualTo("/profile");
	}
}
