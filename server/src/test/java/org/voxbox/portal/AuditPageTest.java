package org.voxbox.portal;

import org.junit.jupiter.api.Test;
import org.voxbox.Api;
import org.voxbox.directory.DirectoryFixtures;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The administrator's audit view: what happened in the organisation, never a PIN. */
class AuditPageTest extends BrowserTest {

	private static final String PASSWORD = "audit password";

	@Test
	void auditShowsTheOrganisationsPinEventsWithoutPins() {
		DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Audit " + unique(), false);
		TestPerson val = person(org.adminToken(), "Val", "Audited", "en", "USER", null, null);
		assertThat(api.put("/v1/people/" + val.id() + "/features/voicemail", org.adminToken(),
				java.util.Map.of("enabled", true)).status()).isEqualTo(204);
		Api.Response reset = api.post("/v1/people/" + val.id() + "/features/voicemail/actions/resetPin/invoke",
				org.adminToken(), null);
		assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
		String pin = reset.json().get("passcode").asString();
		passwords.setPassword(org.adminId(), PASSWORD);
		signIn(passwords.emailOf(org.adminId()), PASSWORD);

		page.locator("a#nav-admin-audit").click();

		assertThat(page.locator("table#audit tr[data-type=VOICEMAIL_ENABLED]")).hasCount(1);
		assertThat(page.locator("table#audit tr[data-type=PIN_RESET]")).hasCount(1);
		assertThat(page.locator("table#audit tr[data-type=PIN_RESET]")).containsText("Val Audited");
		assertThat(page.content()).doesNotContain(pin);
	}
}
