package org.voxbox.portal;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.Test;
import org.voxbox.directory.DirectoryFixtures;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Who reaches what in the portal: CSRF on every form, no other people's pages, no other organisations'. */
class PortalAccessTest extends BrowserTest {

	private static final String PASSWORD = "access password";

	@Test
	void postWithoutCsrfTokenIsRefusedAndChangesNothing() {
		TestPerson vic = personWithPassword("Vic", "Csrf", "en", PASSWORD);
		signIn(vic.email(), PASSWORD);

		APIResponse refused = context.request().post("/profile/language",
				RequestOptions.create().setForm(FormData.create().set("language", "nl")).setMaxRedirects(0));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(api.get("/v1/people/" + vic.id(), ADMIN_TOKEN).json().get("language").asString()).isEqualTo("en");
		page.reload();
		assertThat(page.locator("select#language")).hasValue("en");

		APIResponse accepted = context.request().post("/profile/language", RequestOptions.create()
			.setForm(FormData.create().set("language", "nl").set("_csrf", csrfToken()))
			.setMaxRedirects(0));
		assertThat(accepted.status()).as("the same request with the token").isBetween(200, 399);
		assertThat(api.get("/v1/people/" + vic.id(), ADMIN_TOKEN).json().get("language").asString()).isEqualTo("nl");
	}

	@Test
	void pinSubmitWithoutCsrfHeaderIsRefused() {
		TestPerson wes = voicemailUserWithoutNumbers("Wes", "Csrf", "en", PASSWORD);
		String pin = validPins(1, 7301).get(0);
		signIn(wes.email(), PASSWORD);

		APIResponse refused = context.request().post("/profile/pin", RequestOptions.create()
			.setHeader("Content-Type", "application/json")
			.setData("{\"passcode\":\"" + pin + "\",\"confirmPasscode\":\"" + pin + "\"}"));

		assertThat(refused.status()).isEqualTo(403);
		page.reload();
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "not-set");
	}

	@Test
	void userCannotOpenAnotherPersonsAdminPage() {
		TestPerson xia = personWithPassword("Xia", "User", "en", PASSWORD);
		TestPerson other = person("Yan", "Other", "en");
		signIn(xia.email(), PASSWORD);

		Response response = page.navigate("/admin/people/" + other.id());

		assertThat(response.status()).isEqualTo(404);
		assertThat(page.content()).doesNotContain(other.email()).doesNotContain("Yan Other");
		assertThat(page.navigate("/admin/people/" + xia.id()).status()).as("not even their own").isEqualTo(404);
		assertThat(page.navigate("/admin/people").status()).isEqualTo(404);
		assertThat(page.navigate("/admin/policy").status()).isEqualTo(404);
		assertThat(page.navigate("/admin/audit").status()).isEqualTo(404);
		assertThat(page.navigate("/admin/transfers").status()).isEqualTo(404);
	}

	@Test
	void adminOfAnotherOrganisationCannotOpenOrChangeOurPeople() {
		TestPerson zoe = voicemailUser("Zoe", "Ours", "en");
		DirectoryFixtures.NewOrganisation elsewhere = directory.organisationWithAdmin("Elsewhere " + unique(), false);
		passwords.setPassword(elsewhere.adminId(), PASSWORD);
		signIn(passwords.emailOf(elsewhere.adminId()), PASSWORD);
		assertThat(page.locator("a#nav-admin-people")).isVisible();

		Response response = page.navigate("/admin/people/" + zoe.id());

		assertThat(response.status()).isEqualTo(404);
		assertThat(page.content()).doesNotContain(zoe.email());
		page("/admin/people");
		assertThat(page.locator("tr[data-person-id='" + zoe.id() + "']")).hasCount(0);
		APIResponse reset = context.request().post("/admin/people/" + zoe.id() + "/pin/reset",
				RequestOptions.create().setForm(FormData.create().set("_csrf", csrfToken())).setMaxRedirects(0));
		assertThat(reset.status()).isEqualTo(404);
		APIResponse password = context.request().post("/admin/people/" + zoe.id() + "/password",
				RequestOptions.create().setForm(FormData.create().set("_csrf", csrfToken())).setMaxRedirects(0));
		assertThat(password.status()).isEqualTo(404);
		List<String> zoesEvents = new ArrayList<>();
		api.get("/v1/adminAudit/events?max=100", ADMIN_TOKEN).json().get("items").forEach(event -> {
			if (zoe.id().equals(event.get("data").get("targetId").asString())) {
				zoesEvents.add(event.get("data").get("eventType").asString());
			}
		});
		assertThat(zoesEvents).as("nothing but her creation, the API's token for her and switch-on")
			.containsExactlyInAnyOrder("PERSON_CREATED", "TOKEN_ISSUED", "VOICEMAIL_ENABLED");
	}
}
