package org.voxbox.portal;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.voxbox.directory.DirectoryFixtures;
import tools.jackson.databind.JsonNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The administrator's transfer destinations form: what the API shows, audited as a portal change. */
class TransferPolicyPageTest extends BrowserTest {

	private static final String PASSWORD = "transfer password";

	private static final String SETTINGS = "/v1/telephony/config/voicemail/settings";

	private DirectoryFixtures.NewOrganisation signedInAdministrator() {
		DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Transfers " + unique(), false);
		passwords.setPassword(org.adminId(), PASSWORD);
		signIn(passwords.emailOf(org.adminId()), PASSWORD);
		return org;
	}

	@Test
	void savedPrefixesAndNationalSwitchApplyToTheOrganisationAndAreAudited() {
		DirectoryFixtures.NewOrganisation org = signedInAdministrator();
		page.locator("a#nav-admin-transfers").click();
		assertThat(page.locator("form#transfers-form [name=nationalNumbers]")).isChecked();
		assertThat(page.locator("form#transfers-form [name=allowedPrefixes]")).hasValue("");
		assertThat(page.locator("#transfers-saved")).hasCount(0);

		page.locator("form#transfers-form [name=nationalNumbers]").uncheck();
		page.locator("form#transfers-form [name=allowedPrefixes]").fill("+49\n+3120, +44");
		page.locator("#transfers-save").click();

		assertThat(page.locator("#transfers-saved[role=status]")).isVisible();
		assertThat(page.locator("form#transfers-form [name=allowedPrefixes]")).hasValue("+49\n+3120\n+44");
		assertThat(page.locator("form#transfers-form [name=nationalNumbers]")).not().isChecked();
		JsonNode rules = api.get(SETTINGS, org.adminToken()).json().get("transferToNumberRules");
		assertThat(rules.get("allowedPrefixes").toString()).isEqualTo("[\"+49\",\"+3120\",\"+44\"]");
		assertThat(rules.get("nationalNumbersEnabled").asBoolean()).isFalse();
		assertThat(api.get(SETTINGS, ADMIN_TOKEN).json().get("transferToNumberRules").get("allowedPrefixes").size())
			.as("the bootstrap organisation is untouched")
			.isZero();
		List<String> channels = new ArrayList<>();
		api.get("/v1/adminAudit/events", org.adminToken()).json().get("items").forEach(e -> {
			if (e.get("data").get("eventType").asString().equals("TRANSFER_POLICY_CHANGED")) {
				channels.add(e.get("data").get("channel").asString());
			}
		});
		assertThat(channels).containsExactly("PORTAL");
		page.locator("a#nav-admin-audit").click();
		assertThat(page.locator("table#audit tr[data-type=TRANSFER_POLICY_CHANGED]"))
			.containsText("nationalNumbersEnabled=false; allowedPrefixes=+49,+3120,+44");
	}

	@Test
	void aBadPrefixIsRefusedWithAnAlertAndNothingChanges() {
		DirectoryFixtures.NewOrganisation org = signedInAdministrator();
		page("/admin/transfers");
		String before = api.get(SETTINGS, org.adminToken()).text();

		page.locator("form#transfers-form [name=allowedPrefixes]").fill("+44\n0044");
		page.locator("#transfers-save").click();

		assertThat(page.locator(".alert[role=alert]")).containsText("0044");
		assertThat(page.locator("#transfers-saved")).hasCount(0);
		assertThat(page.locator("form#transfers-form [name=allowedPrefixes]")).hasValue("+44\n0044");
		assertThat(api.get(SETTINGS, org.adminToken()).text()).isEqualTo(before);
	}
}
