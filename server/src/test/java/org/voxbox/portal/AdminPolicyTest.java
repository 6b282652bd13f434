package org.voxbox.portal;

import org.junit.jupiter.api.Test;
import org.voxbox.directory.DirectoryFixtures;
import tools.jackson.databind.JsonNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The administrator's PIN policy form. */
class AdminPolicyTest extends BrowserTest {

	private static final String PASSWORD = "policy password";

	@Test
	void policyFormShowsTheDefaults() {
		signInAsAdmin();

		page.locator("a#nav-admin-policy").click();

		assertThat(page.locator("form#policy-form")).isVisible();
		assertThat(page.locator("form#policy-form [name=minLength]")).hasValue("6");
		assertThat(page.locator("form#policy-form [name=historyDepth]")).hasValue("10");
		assertThat(page.locator("form#policy-form [name=maxRepeatedDigit]")).hasValue("2");
		assertThat(page.locator("form#policy-form [name=rule-REPEATED_GROUP]")).isChecked();
		assertThat(page.locator("form#policy-form [name=rule-ASCENDING_RUN]")).not().isChecked();
		assertThat(page.locator("#government-hint")).isAttached();
		assertThat(page.locator("#policy-saved")).hasCount(0);
		screenshot("admin-policy");
	}

	@Test
	void savedPolicyAppliesToTheOrganisation() {
		DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Policy " + unique(), false);
		passwords.setPassword(org.adminId(), PASSWORD);
		signIn(passwords.emailOf(org.adminId()), PASSWORD);
		page("/admin/policy");

		page.locator("form#policy-form [name=minLength]").fill("8");
		page.locator("form#policy-form [name=rule-ASCENDING_RUN]").check();
		page.locator("#policy-save").click();

		assertThat(page.locator("#policy-saved[role=status]")).isVisible();
		assertThat(page.locator("form#policy-form [name=minLength]")).hasValue("8");
		JsonNode rules = api.get("/v1/telephony/config/voicemail/rules", org.adminToken()).json();
		assertThat(rules.get("defaultVoicemailPinRules").get("length").get("min").asInt()).isEqualTo(8);
		assertThat(rules.get("defaultVoicemailPinRules").get("blockContiguousSequences").get("enabled").asBoolean()).isTrue();
		JsonNode ours = api.get("/v1/telephony/config/voicemail/rules", ADMIN_TOKEN).json();
		assertThat(ours.get("defaultVoicemailPinRules").get("length").get("min").asInt())
			.as("the bootstrap organisation is untouched")
			.isEqualTo(6);
	}

	@Test
	void impossiblePolicyIsRefusedWithAnAlert() {
		DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Bad policy " + unique(), false);
		passwords.setPassword(org.adminId(), PASSWORD);
		signIn(passwords.emailOf(org.adminId()), PASSWORD);
		page("/admin/policy");
		String before = api.get("/v1/telephony/config/voicemail/rules", org.adminToken()).text();

		page.locator("form#policy-form [name=minLength]").fill("10");
		page.locator("form#policy-form [name=maxLength]").fill("8");
		page.locator("#policy-save").click();

		assertThat(page.locator(".alert[role=alert]")).isVisible();
		assertThat(page.locator("#policy-saved")).hasCount(0);
		assertThat(api.get("/v1/telephony/config/voicemail/rules", org.adminToken()).text()).isEqualTo(before);
	}

	@Test
	void defaultPinThatBreaksThePolicyIsRefusedAndNotEchoed() {
		DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Bad default " + unique(), false);
		passwords.setPassword(org.adminId(), PASSWORD);
		signIn(passwords.emailOf(org.adminId()), PASSWORD);
		page("/admin/policy");

		page.locator("form#policy-form [name=defaultPinEnabled]").check();
		page.locator("form#policy-form [name=defaultPin]").fill("135797531"); // KEYPAD_LINE (159, 357)
		page.locator("#policy-save").click();

		assertThat(page.locator(".alert[role=alert]")).isVisible();
		assertThat(page.locator("#policy-saved")).hasCount(0);
		assertThat(page.content()).doesNotContain("135797531");
		JsonNode rules = api.get("/v1/telephony/config/voicemail/rules", org.adminToken()).json();
		assertThat(rules.get("defaultVoicemailPinRules").get("defaultVoicemailPinEnabled").asBoolean()).isFalse();
	}
}
