package org.voxbox.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.LoopbackClient;
import org.voxbox.PortalClient;
import org.voxbox.directory.DirectoryFixtures;
import org.voxbox.directory.PasswordFixtures;
import org.voxbox.mailbox.Greetings;
import org.voxbox.web.PublicId;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privileged work the audit trail records, read back through {@code GET /v1/adminAudit/events} with its
 * filters: sign-ins with the client address Tomcat resolved, own password changes, people added, promoted and
 * removed, PIN policy changes naming the settings, greeting choices an administrator made. No event carries a
 * password or PIN.
 */
@Import(DirectoryFixtures.class)
class AuditEventsTest extends ApiTest {

	private static final String EVENTS = "/v1/adminAudit/events";

	private static final String PASSWORD = "audited password 1";

	@Autowired
	private ApplicationContext context;

	@Autowired
	private DirectoryFixtures directory;

	@Autowired
	private Greetings greetings;

	@Test
	void signInsAreAuditedWithTheTransportAddressNotAForgedForwardedOne() {
		TestPerson ivy = person("Ivy", "Signin", "en");
		PasswordFixtures.from(context).setPassword(ivy.id(), PASSWORD);
		PortalClient portal = PortalClient.open(new LoopbackClient("127.0.0.7", port));

		assertThat(portal.signIn(ivy.email(), "not the password", Map.of("X-Forwarded-For", "203.0.113.9")))
			.isEqualTo("signin?error");
		assertThat(portal.signIn(ivy.email(), PASSWORD, Map.of())).isEqualTo("profile");

		List<JsonNode> failed = events("?eventType=SIGN_IN_FAILED&targetId=" + ivy.id());
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).get("data").get("sourceAddress").asString()).isEqualTo("127.0.0.7");
		assertThat(failed.get(0).get("data").get("eventCategory").asString()).isEqualTo("USERS");
		assertThat(failed.get(0).get("data").get("channel").asString()).isEqualTo("PORTAL");
		List<JsonNode> signedIn = events("?eventType=SIGNED_IN&targetId=" + ivy.id());
		assertThat(signedIn).hasSize(1);
		assertThat(signedIn.get(0).get("actorId").asString()).isEqualTo(ivy.id());
		assertThat(signedIn.get(0).get("data").get("sourceAddress").asString()).isEqualTo("127.0.0.7");
		assertThat(api.get(EVENTS + "?targetId=" + ivy.id(), ADMIN_TOKEN).text()).doesNotContain(PASSWORD)
			.doesNotContain("not the password");
	}

	@Test
	void basicSignInForATokenIsAuditedOnTheApiChannel() {
		TestPerson jon = person("Jon", "Basic", "en");
		PasswordFixtures.from(context).setPassword(jon.id(), PASSWORD);
		String basic = java.util.Base64.getEncoder()
			.encodeToString((jon.email() + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));

		Api.Response issued = api.raw("POST", "/v1/people/me/tokens",
				Map.of("Authorization", "Basic " + basic, "Content-Type", "application/json"),
				"{\"name\":\"cli\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		List<JsonNode> signedIn = events("?eventType=SIGNED_IN&targetId=" + jon.id());
		assertThat(signedIn).hasSize(1);
		assertThat(signedIn.get(0).get("data").get("channel").asString()).isEqualTo("API");
		assertThat(signedIn.get(0).get("data").get("sourceAddress").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
	}

	@Test
	void ownPasswordChangeIsAuditedWithoutThePassword() {
		TestPerson kai = person("Kai", "Changer", "en");
		PasswordFixtures.from(context).setPassword(kai.id(), PASSWORD);
		PortalClient portal = PortalClient.open(new LoopbackClient("127.0.0.8", port));
		assertThat(portal.signIn(kai.email(), PASSWORD, Map.of())).isEqualTo("profile");
		String next = "a new password " + UUID.randomUUID();

		portal.changePassword(PASSWORD, next);

		List<JsonNode> changed = events("?eventType=PASSWORD_CHANGED&targetId=" + kai.id());
		assertThat(changed).hasSize(1);
		assertThat(changed.get(0).get("actorId").asString()).isEqualTo(kai.id());
		assertThat(api.get(EVENTS + "?targetId=" + kai.id(), ADMIN_TOKEN).text()).doesNotContain(next)
			.doesNotContain(PASSWORD);
	}

	@Test
	void addingPromotingAndRemovingAPersonIsAuditedWithTheAdministrator() {
		String admin = api.get("/v1/people/me", ADMIN_TOKEN).json().get("id").asString();
		TestPerson lea = person("Lea", "Promoted", "en");

		Api.Response promoted = api.put("/v1/people/" + lea.id(), ADMIN_TOKEN, personBody(lea, "ADMIN"));
		assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
		Api.Response demoted = api.put("/v1/people/" + lea.id(), ADMIN_TOKEN, personBody(lea, "USER"));
		assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
		Api.Response renamed = api.put("/v1/people/" + lea.id(), ADMIN_TOKEN,
				Map.of("emails", List.of(lea.email()), "firstName", "Leah", "lastName", "Promoted"));
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
		assertThat(api.delete("/v1/people/" + lea.id(), ADMIN_TOKEN).status()).isEqualTo(204);

		List<JsonNode> hers = events("?targetId=" + lea.id());
		assertThat(hers).extracting(e -> e.get("data").get("eventType").asString())
			.containsExactlyInAnyOrder("PERSON_DELETED", "ROLE_CHANGED", "ROLE_CHANGED", "TOKEN_ISSUED", "PERSON_CREATED");
		assertThat(hers).allSatisfy(e -> assertThat(e.get("actorId").asString()).isEqualTo(admin));
		List<JsonNode> roles = events("?eventType=ROLE_CHANGED&targetId=" + lea.id());
		assertThat(roles).extracting(e -> e.get("data").get("oldValue").asString() + "→" + e.get("data").get("newValue").asString())
			.containsExactlyInAnyOrder("ADMIN→USER", "USER→ADMIN");
	}

	@Test
	void pinPolicyChangeNamesOnlyTheChangedSettingsAndNeverTheDefaultPin() {
		DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Policy audit " + unique(), false);
		String pin = validPins(1, 9901L, 8).get(0);

		Api.Response saved = api.put("/v1/telephony/config/voicemail/rules", org.adminToken(),
				Map.of("defaultVoicemailPinRules", Map.of("length", Map.of("min", 8)), "defaultVoicemailPinEnabled", true,
						"defaultVoicemailPin", pin));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(204);
		Api.Response same = api.put("/v1/telephony/config/voicemail/rules", org.adminToken(),
				Map.of("defaultVoicemailPinRules", Map.of("length", Map.of("min", 8))));
		assertThat(same.status()).as(same.toString()).isEqualTo(204);

		Api.Response page = api.get(EVENTS + "?eventType=PIN_POLICY_CHANGED", org.adminToken());
		List<JsonNode> changes = items(page);
		assertThat(changes).as("saving the same policy again records nothing").hasSize(1);
		JsonNode data = changes.get(0).get("data");
		assertThat(changes.get(0).get("actorId").asString()).isEqualTo(PublicId.PEOPLE.encode(org.adminId()));
		assertThat(data.get("oldValue").asString()).isEqualTo("minLength=6; defaultPinEnabled=false; defaultPin=none");
		assertThat(data.get("newValue").asString()).isEqualTo("minLength=8; defaultPinEnabled=true; defaultPin=replaced");
		assertThat(page.text()).doesNotContain(pin);
		assertThat(items(api.get(EVENTS + "?eventType=PIN_POLICY_CHANGED", ADMIN_TOKEN)))
			.as("another organisation's change is not ours")
			.noneMatch(e -> e.get("actorId").asString().equals(PublicId.PEOPLE.encode(org.adminId())));
	}

	@Test
	void administratorsGreetingChoiceIsAudited() {
		TestPerson max = voicemailUser("Max", "Greeting", "en");
		UUID id = PublicId.PEOPLE.decode(max.id()).orElseThrow();
		greetings.record(id, Greetings.Kind.BUSY, 1000, "audio/x-wav;codec=ulaw", new byte[] { 1, 2, 3 });

		Api.Response r = api.put("/v1/people/" + max.id() + "/features/voicemail", ADMIN_TOKEN,
				Map.of("sendBusyCalls", Map.of("greeting", "DEFAULT"), "sendUnansweredCalls", Map.of("greeting", "DEFAULT")));

		assertThat(r.status()).as(r.toString()).isEqualTo(204);
		List<JsonNode> changed = events("?eventType=GREETING_CHANGED&targetId=" + max.id());
		assertThat(changed).as("only the busy greeting changed").hasSize(1);
		assertThat(changed.get(0).get("data").get("oldValue").asString()).isEqualTo("sendBusyCalls=CUSTOM");
		assertThat(changed.get(0).get("data").get("newValue").asString()).isEqualTo("sendBusyCalls=DEFAULT");
	}

	@Test
	void filtersCombineAndPagingKeepsThem() {
		TestPerson ned = person("Ned", "Filtered", "en");
		for (int i = 0; i < 3; i++) {
			assertThat(api.delete("/v1/people/" + ned.id() + "/tokens", ADMIN_TOKEN).status()).isEqualTo(204);
		}
		String admin = api.get("/v1/people/me", ADMIN_TOKEN).json().get("id").asString();

		Api.Response first = api.get(EVENTS + "?eventType=TOKENS_REVOKED&actorId=" + admin + "&targetId=" + ned.id()
				+ "&max=2", ADMIN_TOKEN);

		assertThat(items(first)).hasSize(2)
			.allSatisfy(e -> assertThat(e.get("data").get("eventType").asString()).isEqualTo("TOKENS_REVOKED"));
		String link = first.header("Link");
		assertThat(link).contains("rel=\"next\"").contains("eventType=TOKENS_REVOKED").contains("targetId=" + ned.id())
			.contains("start=2");
		String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
		Api.Response second = api.get(next, ADMIN_TOKEN);
		assertThat(items(second)).hasSize(1);
		assertThat(second.header("Link")).isNull();
		assertThat(events("?eventType=TOKENS_REVOKED&actorId=" + ned.id())).isEmpty();
	}

	@Test
	void badFiltersAndOverflowingPagingAre400() {
		for (String query : List.of("?eventType=NOPE", "?actorId=garbage", "?targetId=" + UUID.randomUUID(),
				"?start=2147483647", "?start=2147483000&max=1000", "?start=99999999999")) {
			Api.Response r = api.get(EVENTS + query, ADMIN_TOKEN);
			assertThat(r.status()).as(query + " -> " + r).isEqualTo(400);
		}
		Api.Response people = api.get("/v1/people?start=2147483647", ADMIN_TOKEN);
		assertThat(people.status()).as(people.toString()).isEqualTo(400);
		assertThat(api.get(EVENTS + "?start=2147482647&max=1000", ADMIN_TOKEN).status()).as("the last start that fits")
			.isEqualTo(200);
	}

	private static Map<String, Object> personBody(TestPerson p, String role) {
		return Map.of("emails", List.of(p.email()), "firstName", p.firstName(), "lastName", p.lastName(), "role", role);
	}

	private List<JsonNode> events(String query) {
		return items(api.get(EVENTS + query, ADMIN_TOKEN));
	}

	private static List<JsonNode> items(Api.Response r) {
		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		List<JsonNode> items = new ArrayList<>();
		r.json().get("items").forEach(items::add);
		return items;
	}
}
