package org.voxbox.mailbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.directory.DirectoryFixtures;
import org.voxbox.web.PublicId;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfer destinations over HTTP, in an organisation of its own per test with phone region NL: the default policy,
 * what an administrator changes (and only they, only for their organisation), the audit trail of every change, and
 * a number the policy no longer allows that is then not used when a caller presses 0.
 */
@Import(DirectoryFixtures.class)
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "voxbox.directory.phone-region=NL")
class TransferApiTest extends ApiTest {

	private static final String ORG_SETTINGS = "/v1/telephony/config/voicemail/settings";

	private static final String MINE = "/v1/telephony/config/people/me/settings/voicemail";

	@Autowired
	DirectoryFixtures directory;

	@Autowired
	Mailboxes mailboxes;

	private record Org(DirectoryFixtures.NewOrganisation org, TestPerson user, String colleagueExtension) {

		String admin() {
			return org.adminToken();
		}
	}

	/** A new organisation with its administrator, a user, and a colleague with extension 4711. */
	private Org organisation() {
		DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Transfer " + unique(), false);
		TestPerson user = person(org.adminToken(), "Tess", "Transfer", "en", "USER", "4710", null);
		person(org.adminToken(), "Col", "League", "en", "USER", "4711", null);
		return new Org(org, user, "4711");
	}

	private Api.Response setOwn(TestPerson p, String destination) {
		return api.put(MINE, p.token(), Map.of("transferToNumber", Map.of("enabled", true, "destination", destination)));
	}

	private JsonNode own(TestPerson p) {
		return api.get(MINE, p.token()).json().get("transferToNumber");
	}

	private Api.Response putRules(String token, Map<String, ?> rules) {
		return api.put(ORG_SETTINGS, token, Map.of("transferToNumberRules", rules));
	}

	private static void refused(Api.Response r, String rule, int errorCode, String words) {
		assertThat(r.status()).as(r.toString()).isEqualTo(400);
		assertThat(r.codes()).containsExactly(rule);
		JsonNode error = r.json().get("errors").get(0);
		assertThat(error.get("errorCode").asInt()).isEqualTo(errorCode);
		assertThat(error.get("description").asString()).contains(words);
		assertThat(r.json().get("message").asString()).isEqualTo("Your organisation does not allow transfers to this number.");
		assertThat(r.json().get("trackingId").asString()).isNotBlank();
	}

	@Test
	void theDefaultPolicyRefusesPremiumRateForeignNumbersAndFeatureCodesNamingTheRuleAndStoresNothing() {
		Org o = organisation();
		refused(setOwn(o.user(), "+19005551234"), "PREMIUM_RATE", 4203, "premium-rate");
		refused(setOwn(o.user(), "09001234567"), "PREMIUM_RATE", 4203, "premium-rate");
		refused(setOwn(o.user(), "+4930123456"), "INTERNATIONAL", 4206, "another country");
		refused(setOwn(o.user(), "0049301234567"), "INTERNATIONAL", 4206, "another country");
		refused(setOwn(o.user(), "*72"), "FEATURE_CODE", 4201, "* or #");
		refused(setOwn(o.user(), "#"), "FEATURE_CODE", 4201, "* or #");
		refused(setOwn(o.user(), "*720201234567"), "FEATURE_CODE", 4201, "* or #");
		refused(setOwn(o.user(), "0881234567"), "SPECIAL_NUMBER", 4205, "prefix your administrator allows");
		refused(setOwn(o.user(), "4799"), "NOT_A_NUMBER", 4202, "neither the extension");
		// The administrator is held to the same rules, and a refusal in Dutch names the rule in Dutch.
		refused(api.put("/v1/people/" + o.user().id() + "/features/voicemail", o.admin(),
				Map.of("transferToNumber", Map.of("enabled", false, "destination", "+19005551234"))), "PREMIUM_RATE", 4203,
				"premium-rate");
		TestPerson dutch = person(o.admin(), "Nel", "Nederlands", "nl", "USER", null, null);
		Api.Response nl = setOwn(dutch, "09001234567");
		assertThat(nl.status()).isEqualTo(400);
		assertThat(nl.json().get("errors").get(0).get("description").asString()).contains("betaalnummers");

		JsonNode stored = own(o.user());
		assertThat(stored.get("enabled").asBoolean()).isFalse();
		assertThat(stored.get("destination")).isNull();
		assertThat(auditTypes(o, o.user())).isEmpty();
	}

	@Test
	void theDefaultPolicyAllowsAnExtensionOfTheOrganisationAndNationalNumbers() {
		Org o = organisation();
		for (String allowed : List.of(o.colleagueExtension(), "0201234567", "+31201234567", "0612345678", "08001234")) {
			Api.Response set = setOwn(o.user(), allowed);
			assertThat(set.status()).as(allowed + ": " + set).isEqualTo(204);
			assertThat(own(o.user()).get("destination").asString()).isEqualTo(allowed);
			assertThat(own(o.user()).get("enabled").asBoolean()).isTrue();
		}
		// An extension of another organisation is not one of ours.
		TestPerson elsewhere = person("Else", "Where", "en");
		refused(setOwn(o.user(), elsewhere.extension()), "NOT_A_NUMBER", 4202, "neither the extension");
	}

	@Test
	void anAdministratorAllowsAPrefixAndTheForeignNumberIsThenAcceptedButNeverAPremiumOne() {
		Org o = organisation();
		JsonNode rules = api.get(ORG_SETTINGS, o.admin()).json().get("transferToNumberRules");
		assertThat(rules.get("nationalNumbersEnabled").asBoolean()).isTrue();
		assertThat(rules.get("allowedPrefixes").size()).isZero();
		assertThat(rules.get("phoneRegion").asString()).isEqualTo("NL");
		refused(setOwn(o.user(), "+4930123456"), "INTERNATIONAL", 4206, "another country");

		assertThat(putRules(o.admin(), Map.of("allowedPrefixes", List.of("+49", "+1"))).status()).isEqualTo(204);
		rules = api.get(ORG_SETTINGS, o.admin()).json().get("transferToNumberRules");
		assertThat(rules.get("allowedPrefixes").toString()).isEqualTo("[\"+49\",\"+1\"]");
		assertThat(rules.get("nationalNumbersEnabled").asBoolean()).as("not sent, so unchanged").isTrue();

		assertThat(setOwn(o.user(), "+4930123456").status()).isEqualTo(204);
		assertThat(setOwn(o.user(), "0049301234567").status()).isEqualTo(204);
		assertThat(setOwn(o.user(), "+12125551234").status()).isEqualTo(204);
		refused(setOwn(o.user(), "+19005551234"), "PREMIUM_RATE", 4203, "premium-rate");
		refused(setOwn(o.user(), "+442079460000"), "INTERNATIONAL", 4206, "another country");

		assertThat(putRules(o.admin(), Map.of("nationalNumbersEnabled", false)).status()).isEqualTo(204);
		refused(setOwn(o.user(), "0201234567"), "NATIONAL_NUMBERS_OFF", 4207, "switched off");
		assertThat(setOwn(o.user(), o.colleagueExtension()).status()).isEqualTo(204);
		assertThat(putRules(o.admin(), Map.of("allowedPrefixes", List.of("+3120"))).status()).isEqualTo(204);
		assertThat(setOwn(o.user(), "0201234567").status()).isEqualTo(204);
		refused(setOwn(o.user(), "+4930123456"), "INTERNATIONAL", 4206, "another country");
	}

	@Test
	void aPolicyWithABadPrefixIsRefusedWholeNamingIt() {
		Org o = organisation();
		assertThat(putRules(o.admin(), Map.of("allowedPrefixes", List.of("+44"))).status()).isEqualTo(204);
		List<String> twentyOne = new ArrayList<>();
		for (int i = 10; i < 31; i++) {
			twentyOne.add("+4" + i);
		}
		Map<List<String>, String> bad = Map.of(List.of("+31", "0044"), "0044", List.of("+44", "+44"), "listed twice: +44",
				List.of("+49 30"), "+49 30", List.of("+1234567890123456"), "+1234567890123456", twentyOne, "at most 20");
		bad.forEach((prefixes, named) -> {
			Api.Response r = api.put(ORG_SETTINGS, o.admin(), Map.of("transferToNumberRules",
					Map.of("nationalNumbersEnabled", false, "allowedPrefixes", prefixes)));
			assertThat(r.status()).as(r.toString()).isEqualTo(400);
			assertThat(r.codes()).containsExactly("INVALID_FIELD");
			assertThat(r.json().get("errors").get(0).get("description").asString()).contains(named);
		});
		Api.Response withNull = api.put(ORG_SETTINGS, o.admin(),
				Map.of("transferToNumberRules", Map.of("allowedPrefixes", Arrays.asList("+31", null))));
		assertThat(withNull.status()).as(withNull.toString()).isEqualTo(400);
		JsonNode rules = api.get(ORG_SETTINGS, o.admin()).json().get("transferToNumberRules");
		assertThat(rules.get("allowedPrefixes").toString()).isEqualTo("[\"+44\"]");
		assertThat(rules.get("nationalNumbersEnabled").asBoolean()).isTrue();
	}

	@Test
	void onlyAnAdministratorReadsOrChangesThePolicyAndOnlyTheirOwnOrganisations() {
		Org a = organisation();
		Org b = organisation();
		Api.Response read = api.get(ORG_SETTINGS, a.user().token());
		assertThat(read.status()).as(read.toString()).isEqualTo(403);
		assertThat(read.codes()).containsExactly("FORBIDDEN");
		assertThat(putRules(a.user().token(), Map.of("allowedPrefixes", List.of("+49"))).status()).isEqualTo(403);
		assertThat(putRules(a.user().token(), Map.of("nationalNumbersEnabled", false)).status()).isEqualTo(403);
		assertThat(api.get(ORG_SETTINGS, null).status()).isEqualTo(401);

		assertThat(putRules(b.admin(), Map.of("allowedPrefixes", List.of("+49"))).status()).isEqualTo(204);
		JsonNode ours = api.get(ORG_SETTINGS, a.admin()).json().get("transferToNumberRules");
		assertThat(ours.get("allowedPrefixes").size()).isZero();
		// A Webex orgId names no other organisation to Voxbox: the caller's own is answered.
		String aId = PublicId.ORGANIZATION.encode(a.org().orgId());
		JsonNode theirs = api.get(ORG_SETTINGS + "?orgId=" + aId, b.admin()).json().get("transferToNumberRules");
		assertThat(theirs.get("allowedPrefixes").toString()).isEqualTo("[\"+49\"]");
		refused(setOwn(a.user(), "+4930123456"), "INTERNATIONAL", 4206, "another country");
		assertThat(setOwn(b.user(), "+4930123456").status()).isEqualTo(204);
		assertThat(auditTypes(a, null)).doesNotContain("TRANSFER_POLICY_CHANGED");
	}

	@Test
	void everyChangeOfATransferNumberAndOfThePolicyIsAuditedWithWhoAndWhat() {
		Org o = organisation();
		String user = o.user().id();
		String admin = PublicId.PEOPLE.encode(o.org().adminId());
		assertThat(setOwn(o.user(), "0201234567").status()).isEqualTo(204);
		assertThat(setOwn(o.user(), "0201234567").status()).as("the same again: no change").isEqualTo(204);
		assertThat(setOwn(o.user(), o.colleagueExtension()).status()).isEqualTo(204);
		refused(setOwn(o.user(), "+19005551234"), "PREMIUM_RATE", 4203, "premium-rate");
		assertThat(api.put("/v1/people/" + user + "/features/voicemail", o.admin(),
				Map.of("transferToNumber", Map.of("enabled", false, "destination", ""))).status()).isEqualTo(204);
		assertThat(own(o.user()).get("destination")).isNull();
		assertThat(putRules(o.admin(), Map.of("nationalNumbersEnabled", false, "allowedPrefixes", List.of("+3120", "+49")))
			.status()).isEqualTo(204);
		assertThat(putRules(o.admin(), Map.of("nationalNumbersEnabled", false)).status()).as("no change").isEqualTo(204);

		// What, about whom, what it was and became, by whom, through which channel (events of one request share a
		// millisecond, so their order is not compared).
		List<String> events = new ArrayList<>();
		api.get("/v1/adminAudit/events?max=1000", o.admin()).json().get("items").forEach(e -> {
			JsonNode data = e.get("data");
			if (data.get("eventType").asString().startsWith("TRANSFER")) {
				events.add(data.get("eventType").asString() + " of " + value(data, "targetId") + ": " + value(data, "oldValue")
						+ " → " + value(data, "newValue") + " by " + e.get("actorId").asString() + " via "
						+ data.get("channel").asString());
			}
		});
		String policyBefore = "nationalNumbersEnabled=true; allowedPrefixes=";
		String policyAfter = "nationalNumbersEnabled=false; allowedPrefixes=+3120,+49";
		assertThat(events).containsExactlyInAnyOrder(
				"TRANSFER_NUMBER_SET of " + user + ": null → 0201234567 by " + user + " via API",
				"TRANSFER_ENABLED of " + user + ": null → 0201234567 by " + user + " via API",
				"TRANSFER_NUMBER_CHANGED of " + user + ": 0201234567 → 4711 by " + user + " via API",
				"TRANSFER_NUMBER_CLEARED of " + user + ": 4711 → null by " + admin + " via API",
				"TRANSFER_DISABLED of " + user + ": 4711 → null by " + admin + " via API",
				"TRANSFER_POLICY_CHANGED of null: " + policyBefore + " → " + policyAfter + " by " + admin + " via API");
		assertThat(api.get("/v1/adminAudit/events?max=1000", o.admin()).text())
			.contains("\"eventDescription\":\"Organisation's transfer destinations changed\"");
	}

	@Test
	void aNumberSetBeforeThePolicyTightenedIsNotUsedWhenACallerPresses0AndTheLogHidesIt(CapturedOutput output) {
		Org o = organisation();
		UUID owner = PublicId.PEOPLE.decode(o.user().id()).orElseThrow();
		assertThat(putRules(o.admin(), Map.of("allowedPrefixes", List.of("+49"))).status()).isEqualTo(204);
		assertThat(setOwn(o.user(), "+4930123456").status()).isEqualTo(204);
		assertThat(mailboxes.transferNumber(owner)).contains("+4930123456");

		assertThat(putRules(o.admin(), Map.of("allowedPrefixes", List.of())).status()).isEqualTo(204);
		assertThat(mailboxes.transferNumber(owner)).isEmpty();
		assertThat(output.getAll()).contains("+49…56", "INTERNATIONAL").doesNotContain("4930123456");
		// Still stored and shown, so its owner sees what to change; switching it on again is refused.
		assertThat(own(o.user()).get("destination").asString()).isEqualTo("+4930123456");
		assertThat(api.put(MINE, o.user().token(), Map.of("transferToNumber", Map.of("enabled", false))).status())
			.isEqualTo(204);
		refused(api.put(MINE, o.user().token(), Map.of("transferToNumber", Map.of("enabled", true))), "INTERNATIONAL", 4206,
				"another country");

		assertThat(setOwn(o.user(), "0201234567").status()).isEqualTo(204);
		assertThat(mailboxes.transferNumber(owner)).contains("0201234567");
		assertThat(putRules(o.admin(), Map.of("nationalNumbersEnabled", false)).status()).isEqualTo(204);
		assertThat(mailboxes.transferNumber(owner)).isEmpty();
		assertThat(setOwn(o.user(), o.colleagueExtension()).status()).isEqualTo(204);
		assertThat(mailboxes.transferNumber(owner)).contains(o.colleagueExtension());
		assertThat(api.put(MINE, o.user().token(), Map.of("transferToNumber", Map.of("enabled", false))).status())
			.isEqualTo(204);
		assertThat(mailboxes.transferNumber(owner)).isEmpty();
	}

	private static String value(JsonNode data, String field) {
		JsonNode value = data.get(field);
		return value == null ? "null" : value.asString();
	}

	/** The types of the organisation's audit events (about {@code subject}, when given), oldest first. */
	private List<String> auditTypes(Org o, @org.jspecify.annotations.Nullable TestPerson subject) {
		List<String> types = new ArrayList<>();
		api.get("/v1/adminAudit/events?max=1000", o.admin()).json().get("items").forEach(e -> {
			JsonNode target = e.get("data").get("targetId");
			if (subject == null || target != null && subject.id().equals(target.asString())) {
				types.add(0, e.get("data").get("eventType").asString());
			}
		});
		types.remove("VOICEMAIL_ENABLED");
		// Each test person is created, and given a token, by the administrator: not what these tests are about.
		types.removeIf(type -> type.equals("TOKEN_ISSUED") || type.equals("PERSON_CREATED"));
		return types;
	}
}
