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

	@Test
	void auditFiltersByTypeAndByThePersonClickedAndShowsTheSignInAddress() {
		DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Audit filter " + unique(), false);
		TestPerson una = person(org.adminToken(), "Una", "Filtered", "en", "USER", null, null);
		TestPerson vin = person(org.adminToken(), "Vin", "Other", "en", "USER", null, null);
		passwords.setPassword(org.adminId(), PASSWORD);
		signIn(passwords.emailOf(org.adminId()), PASSWORD);
		page("/admin/audit");
		// the fixture administrator, Una and Vin
		assertThat(page.locator("table#audit tr[data-type=PERSON_CREATED]")).hasCount(3);
		assertThat(page.locator("table#audit tr[data-type=SIGNED_IN]")).containsText(java.util.regex.Pattern.compile("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"));

		page.locator("select#eventType").selectOption("TOKEN_ISSUED");
		page.locator("form#audit-filter button[type=submit]").click();

		assertThat(page.locator("table#audit tbody tr")).hasCount(2);
		assertThat(page.locator("table#audit tr[data-type=TOKEN_ISSUED]")).hasCount(2);
		page.locator("table#audit tr:has-text('Una Filtered') a.target").click();
		assertThat(page.locator("table#audit tbody tr")).hasCount(1);
		assertThat(page.locator("table#audit tbody tr")).containsText("Una Filtered");
		assertThat(page.locator("table#audit")).not().containsText("Vin Other");
		assertThat(page.navigate("/admin/audit?eventType=NOPE").status()).isEqualTo(400);
		assertThat(page.navigate("/admin/audit?page=2147483647").status()).isEqualTo(400);
		assertThat(api.get("/v1/people/" + vin.id(), org.adminToken()).status()).isEqualTo(200);
	}
}
