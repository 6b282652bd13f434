package org.voxbox.portal;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.voxbox.directory.Channel;
import org.voxbox.pin.PinVerification;
import org.voxbox.web.PublicId;
import tools.jackson.databind.JsonNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's pages, end to end: a new person gets voicemail, a temporary PIN and password, and takes over —
 * first their password, then their PIN.
 */
class AdminFlowTest extends BrowserTest {

	@Autowired
	private PinVerification verification;

	@Test
	void adminSetsUpAPersonWhoThenChoosesTheirOwnPin() {
		String email = "rob." + unique() + "." + System.nanoTime() + "@example.com";
		String newPin = validPins(1, 7201).get(0);
		signInAsAdmin();

		page.locator("a#nav-admin-people").click();
		page.locator("a#person-new").click();
		assertThat(currentPath()).isEqualTo("/admin/people/new");
		page.locator("#firstName").fill("Rob");
		page.locator("#lastName").fill("Admincreated");
		page.locator("#email").fill(email);
		page.locator("select#language").selectOption("en");
		page.locator("select#role").selectOption("USER");
		page.locator("#person-save").click();

		page.waitForURL(url -> !url.endsWith("/new"));
		String personId = currentPath().substring("/admin/people/".length());
		JsonNode created = api.get("/v1/people/" + personId, ADMIN_TOKEN).json();
		assertThat(created.get("emails").get(0).asString()).isEqualTo(email);
		assertThat(created.get("role").asString()).isEqualTo("USER");
		assertThat(page.locator("#person-pin-state")).isVisible();
		assertThat(page.locator("#pin-reset-submit")).hasCount(0);

		page.locator("#voicemail-enable").click();
		assertThat(page.locator("#voicemail-disable")).isVisible();
		assertThat(api.get("/v1/people/" + personId + "/features/voicemail", ADMIN_TOKEN).json().get("enabled").asBoolean())
			.isTrue();

		page.locator("#pin-reset-submit").click();
		String temporaryPin = page.locator("code#temporary-pin").innerText().strip();
		assertThat(temporaryPin).matches("\\d{6,}");
		assertThat(page.locator("#person-pin-state")).hasAttribute("data-state", "must-change");
		assertThat(verification.verify(uuid(personId), temporaryPin, Channel.PORTAL))
			.isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);

		page.locator("#password-reset-submit").click();
		String temporaryPassword = page.locator("code#temporary-password").innerText().strip();
		assertThat(temporaryPassword).hasSizeGreaterThanOrEqualTo(12);
		assertThat(page.locator("code#temporary-pin")).hasCount(0);
		page.reload();
		assertThat(page.locator("code#temporary-password")).hasCount(0); // shown once

		useLocale("en-US");
		signIn(email, temporaryPassword);

		assertThat(currentPath()).as("first their own password").isEqualTo("/password");
		page.locator("#currentPassword").fill(temporaryPassword);
		page.locator("#newPassword").fill("rob's own password");
		page.locator("#confirmPassword").fill("rob's own password");
		page.locator("#password-change-submit").click();
		page.waitForURL(url -> !url.contains("/password"));
		assertThat(currentPath()).as("then the PIN").isEqualTo("/profile?pin=change");
		assertThat(page.locator("dialog#pin-dialog")).isVisible();
		page.locator("#new-pin").fill(temporaryPin);
		page.locator("#confirm-pin").fill(temporaryPin);
		// Whether a PIN was used before is answered on submit only.
		assertThat(page.locator("#pin-requirements > li[data-code=IN_HISTORY]")).hasAttribute("data-met", "on-submit");
		page.locator("#pin-submit").click();
		assertThat(page.locator("#pin-errors > li[data-code=IN_HISTORY]")).isVisible();
		assertThat(page.locator("dialog#pin-dialog")).isVisible();

		page.locator("#new-pin").fill(newPin);
		page.locator("#confirm-pin").fill(newPin);
		page.locator("#pin-submit").click();

		assertThat(page.locator("dialog#pin-dialog")).isHidden();
		assertThat(page.locator("#pin-success")).isVisible();
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "set");
		assertThat(verification.verify(uuid(personId), newPin, Channel.PORTAL)).isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void peopleListFindsAPersonByName() {
		TestPerson sam = person("Sam", "Findable" + unique(), "en");
		signInAsAdmin();

		page("/admin/people");
		assertThat(page.locator("table#people tr[data-person-id]").first()).isVisible();
		assertThat(page.locator("a#person-new")).isVisible();
		screenshot("admin-people");

		page.locator("input#q").fill(sam.lastName());
		page.locator("form#people-search button[type=submit]").click();

		assertThat(page.locator("table#people tr[data-person-id]")).hasCount(1);
		assertThat(page.locator("tr[data-person-id='" + sam.id() + "'] a.person-link")).hasText("Sam " + sam.lastName());
		page.locator("tr[data-person-id='" + sam.id() + "'] a.person-link").click();
		assertThat(page.locator("#person-form #email")).hasValue(sam.email());
	}

	@Test
	void invalidPersonFormShowsAnAlert() {
		TestPerson taken = person("Tia", "Taken", "en");
		signInAsAdmin();

		page("/admin/people/new");
		page.locator("#firstName").fill("Uma");
		page.locator("#lastName").fill("Duplicate");
		page.locator("#email").fill(taken.email());
		page.locator("#person-save").click();

		assertThat(page.locator(".alert[role=alert]")).isVisible();
		assertThat(page.locator("#firstName")).hasValue("Uma");
		assertThat(api.get("/v1/people?email=" + taken.email(), ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
	}

	private static UUID uuid(String personId) {
		return PublicId.PEOPLE.decode(personId).orElseThrow();
	}
}
