package org.voxbox.directory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.web.PublicId;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal access tokens: issued with their secret once, listed without it, revoked for good — by their owner, or
 * all at once by an administrator, who is named on the tokens they issue for others (both audited); and the one
 * place a password works, HTTP Basic on {@code POST /v1/people/me/tokens}, throttled per account.
 */
@Import(DirectoryFixtures.class)
class TokenApiTest extends ApiTest {

	private static final String TOKENS = "/v1/people/me/tokens";

	@Autowired
	private People people;

	@Autowired
	private Passwords passwords;

	@Autowired
	private DirectoryFixtures fixtures;

	@Test
	void newTokenShowsItsSecretOnceAndAuthenticates() {
		TestPerson ann = person("Ann", "Token", "en");

		Api.Response issued = api.post(TOKENS, ann.token(), Map.of("name", "laptop"));

		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		JsonNode json = issued.json();
		String secret = json.get("token").asString();
		assertThat(secret).startsWith("vbx_").hasSizeGreaterThan(40);
		assertThat(json.get("name").asString()).isEqualTo("laptop");
		assertThat(json.get("id").asString()).isNotBlank();
		assertThat(json.get("created").asString()).isNotBlank();

		Api.Response me = api.get("/v1/people/me", secret);
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().get("id").asString()).isEqualTo(ann.id());
	}

	@Test
	void listNeverShowsSecrets() {
		TestPerson ben = person("Ben", "Token", "en");
		String secret = api.post(TOKENS, ben.token(), Map.of("name", "phone")).json().get("token").asString();
		assertThat(api.get("/v1/people/me", secret).status()).isEqualTo(200);

		Api.Response list = api.get(TOKENS, ben.token());

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(list.text()).doesNotContain(secret).doesNotContain(ben.token()).doesNotContain("vbx_");
		JsonNode items = list.json().get("items");
		assertThat(items.size()).as("the helper's token and the new one").isEqualTo(2);
		items.forEach(item -> {
			assertThat(item.get("token")).isNull();
			assertThat(item.get("id").asString()).isNotBlank();
			assertThat(item.get("name").asString()).isNotBlank();
		});
		JsonNode phone = find(items, "phone");
		assertThat(phone.get("lastUsed")).as("used once above").isNotNull();
	}

	@Test
	void revokedTokenNoLongerAuthenticates() {
		TestPerson cas = person("Cas", "Token", "en");
		JsonNode issued = api.post(TOKENS, cas.token(), Map.of("name", "old")).json();
		String secret = issued.get("token").asString();
		assertThat(api.get("/v1/people/me", secret).status()).isEqualTo(200);

		Api.Response revoked = api.delete(TOKENS + "/" + issued.get("id").asString(), cas.token());

		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
		Api.Response refused = api.get("/v1/people/me", secret);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(api.get(TOKENS, cas.token()).json().get("items").size()).isEqualTo(1);
		assertThat(api.delete(TOKENS + "/" + issued.get("id").asString(), cas.token()).status()).isEqualTo(404);
		assertThat(api.get("/v1/people/me", cas.token()).status()).as("other token unaffected").isEqualTo(200);
	}

	@Test
	void tokenCanRevokeItself() {
		TestPerson dee = person("Dee", "Token", "en");
		JsonNode issued = api.post(TOKENS, dee.token(), Map.of("name", "self")).json();
		String secret = issued.get("token").asString();

		assertThat(api.delete(TOKENS + "/" + issued.get("id").asString(), secret).status()).isEqualTo(204);

		assertThat(api.get(TOKENS, secret).status()).isEqualTo(401);
	}

	@Test
	void anotherPersonsTokenIsNotFound() {
		TestPerson owner = person("Owner", "Token", "en");
		TestPerson thief = person("Thief", "Token", "en");
		JsonNode issued = api.post(TOKENS, owner.token(), Map.of("name", "mine")).json();
		String tokenId = issued.get("id").asString();

		Api.Response refused = api.delete(TOKENS + "/" + tokenId, thief.token());

		assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
		assertThat(refused.codes()).containsExactly("NOT_FOUND");
		assertThat(refused.json().get("errors").get(0).get("description").asString()).isEqualTo("No such token.");
		assertThat(api.delete(TOKENS + "/" + tokenId, ADMIN_TOKEN).status()).as("not even an administrator's").isEqualTo(404);
		assertThat(api.get("/v1/people/me", issued.get("token").asString()).status()).isEqualTo(200);
		for (String garbage : new String[] { "garbage", PublicId.PEOPLE.encode(UUID.randomUUID()),
				PublicId.TOKEN.encode(UUID.randomUUID()) }) {
			assertThat(api.delete(TOKENS + "/" + garbage, owner.token()).status()).as(garbage).isEqualTo(404);
		}
	}

	@Test
	void tokenNeedsAName() {
		TestPerson eve = person("Eve", "Token", "en");

		for (Object body : new Object[] { Map.of(), Map.of("name", "   "), Map.of("name", "x".repeat(101)) }) {
			Api.Response refused = api.post(TOKENS, eve.token(), body);
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.json().get("errors").get(0).get("description").asString())
				.isEqualTo("A token name is required (at most 100 characters).");
		}
		assertThat(api.get(TOKENS, eve.token()).json().get("items").size()).isEqualTo(1);
	}

	@Test
	void passwordIsExchangedForATokenWithBasic() {
		TestPerson fay = personWithPassword("Fay", "correct horse battery");

		Api.Response issued = basicPost(fay.email().toUpperCase(java.util.Locale.ROOT), "correct horse battery",
				Map.of("name", "cli"));

		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		String secret = issued.json().get("token").asString();
		assertThat(secret).startsWith("vbx_");
		assertThat(api.get("/v1/people/me", secret).json().get("id").asString()).isEqualTo(fay.id());
	}

	@Test
	void basicWorksOnlyWhereATokenIsIssued() {
		TestPerson gus = personWithPassword("Gus", "right password");
		String basic = basic(gus.email(), "right password");

		for (String[] call : new String[][] { { "GET", "/v1/people/me" }, { "GET", TOKENS },
				{ "POST", "/v1/people/" + gus.id() + "/tokens" }, { "GET", "/v1/people/" + gus.id() },
				{ "GET", "/v1/telephony/config/people/me/settings/voicemail" } }) {
			byte[] body = call[0].equals("POST") ? "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
			Api.Response r = api.raw(call[0], call[1],
					Map.of("Authorization", basic, "Content-Type", "application/json"), body);
			assertThat(r.status()).as(call[0] + " " + call[1] + " -> " + r).isEqualTo(401);
			assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
			assertThat(r.codes()).containsExactly("UNAUTHENTICATED");
		}
		assertThat(api.get(TOKENS, gus.token()).json().get("items").size()).as("no token issued").isEqualTo(1);
	}

	@Test
	void wrongPasswordIsUnauthenticated() {
		TestPerson hal = personWithPassword("Hal", "the real one");

		Api.Response wrong = basicPost(hal.email(), "not the real one", Map.of("name", "x"));
		assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
		assertThat(wrong.codes()).containsExactly("UNAUTHENTICATED");
		assertThat(wrong.text()).doesNotContain("not the real one");

		assertThat(basicPost("nobody." + unique() + "@example.com", "anything", Map.of("name", "x")).status()).isEqualTo(401);
		TestPerson noPassword = person("Ida", "NoPassword", "en");
		assertThat(basicPost(noPassword.email(), "", Map.of("name", "x")).status()).isEqualTo(401);
		assertThat(api.get(TOKENS, hal.token()).json().get("items").size()).isEqualTo(1);
	}

	@Test
	void sixthPasswordAttemptAfterFiveWrongOnesIsThrottled() {
		TestPerson jan = personWithPassword("Jan", "patience");
		for (int i = 1; i <= 5; i++) {
			Api.Response wrong = basicPost(jan.email(), "guess " + i, Map.of("name", "x"));
			assertThat(wrong.status()).as("attempt " + i + ": " + wrong).isEqualTo(401);
		}

		Api.Response throttled = basicPost(jan.email(), "patience", Map.of("name", "x"));

		assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
		assertThat(throttled.codes()).containsExactly("TOO_MANY_REQUESTS");
		assertThat(throttled.header("Retry-After")).isNotNull();
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 15 * 60L);
		assertThat(api.get(TOKENS, jan.token()).json().get("items").size()).as("no token issued").isEqualTo(1);
		assertThat(api.get("/v1/people/me", jan.token()).status()).as("tokens keep working").isEqualTo(200);
		TestPerson other = personWithPassword("Kim", "unthrottled");
		assertThat(basicPost(other.email(), "unthrottled", Map.of("name", "x")).status()).as("per account").isEqualTo(200);
	}

	@Test
	void tokenAnAdministratorIssuesIsAuditedAndShownToItsOwner() {
		String adminId = api.get("/v1/people/me", ADMIN_TOKEN).json().get("id").asString();
		TestPerson lou = person("Lou", "Issued", "en");
		Api.Response issued = api.post("/v1/people/" + lou.id() + "/tokens", ADMIN_TOKEN, Map.of("name", "from admin"));
		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		assertThat(issued.json().get("issuedBy").asString()).isEqualTo(adminId);
		assertThat(api.post(TOKENS, lou.token(), Map.of("name", "mine")).status()).isEqualTo(200);

		JsonNode items = api.get(TOKENS, lou.token()).json().get("items");

		assertThat(find(items, "from admin").get("issuedBy").asString()).isEqualTo(adminId);
		assertThat(find(items, "test").get("issuedBy").asString()).as("person(...) has the administrator issue it")
			.isEqualTo(adminId);
		assertThat(find(items, "mine").get("issuedBy")).as("issued by its owner").isNull();
		List<JsonNode> events = auditOf(lou);
		assertThat(events).extracting(e -> e.get("data").get("eventType").asString())
			.containsExactlyInAnyOrder("PERSON_CREATED", "TOKEN_ISSUED", "TOKEN_ISSUED");
		assertThat(events).allSatisfy(e -> {
			assertThat(e.get("actorId").asString()).isEqualTo(adminId);
			assertThat(e.get("data").get("channel").asString()).isEqualTo("API");
			assertThat(e.get("data").get("eventCategory").asString()).isEqualTo("USERS");
		});
		assertThat(api.get("/v1/adminAudit/events?max=1000", ADMIN_TOKEN).text()).doesNotContain(lou.token())
			.doesNotContain(issued.json().get("token").asString());
	}

	@Test
	void administratorRevokesEveryTokenOfAPerson() {
		String adminId = api.get("/v1/people/me", ADMIN_TOKEN).json().get("id").asString();
		TestPerson max = person("Max", "Revoked", "en");
		String own = api.post(TOKENS, max.token(), Map.of("name", "own")).json().get("token").asString();
		TestPerson bystander = person("Bea", "Bystander", "en");
		assertThat(api.get("/v1/people/" + max.id() + "/tokens", ADMIN_TOKEN).json().get("items").size()).isEqualTo(2);

		Api.Response byUser = api.delete("/v1/people/" + max.id() + "/tokens", bystander.token());
		assertThat(byUser.status()).as(byUser.toString()).isEqualTo(403);
		assertThat(api.delete("/v1/people/" + max.id() + "/tokens", max.token()).status()).as("not even one's own")
			.isEqualTo(403);
		assertThat(api.get("/v1/people/me", own).status()).isEqualTo(200);

		Api.Response revoked = api.delete("/v1/people/" + max.id() + "/tokens", ADMIN_TOKEN);

		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
		assertThat(api.get("/v1/people/me", max.token()).status()).isEqualTo(401);
		assertThat(api.get("/v1/people/me", own).status()).isEqualTo(401);
		assertThat(api.get("/v1/people/" + max.id() + "/tokens", ADMIN_TOKEN).json().get("items").size()).isZero();
		assertThat(api.get("/v1/people/me", bystander.token()).status()).as("other people's tokens").isEqualTo(200);
		assertThat(auditOf(max)).filteredOn(e -> e.get("data").get("eventType").asString().equals("TOKENS_REVOKED"))
			.singleElement()
			.satisfies(e -> assertThat(e.get("actorId").asString()).isEqualTo(adminId));
		DirectoryFixtures.NewOrganisation elsewhere = fixtures.organisationWithAdmin("Elsewhere " + unique(), false);
		assertThat(api.delete("/v1/people/" + bystander.id() + "/tokens", elsewhere.adminToken()).status())
			.as("another organisation's administrator").isEqualTo(404);
		assertThat(api.get("/v1/people/me", bystander.token()).status()).isEqualTo(200);
	}

	/** The audit events about {@code subject}, newest first. */
	private List<JsonNode> auditOf(TestPerson subject) {
		List<JsonNode> events = new java.util.ArrayList<>();
		api.get("/v1/adminAudit/events?max=1000", ADMIN_TOKEN).json().get("items").forEach(e -> {
			JsonNode target = e.get("data").get("targetId");
			if (target != null && subject.id().equals(target.asString())) {
				events.add(e);
			}
		});
		return events;
	}

	private TestPerson personWithPassword(String firstName, String password) {
		TestPerson p = person(firstName, "Password", "en");
		people.setPasswordHash(PublicId.PEOPLE.decode(p.id()).orElseThrow(), passwords.hash(password));
		return p;
	}

	private Api.Response basicPost(String email, String password, Object body) {
		return api.raw("POST", TOKENS, Map.of("Authorization", basic(email, password), "Content-Type", "application/json"),
				Api.json(body).getBytes(StandardCharsets.UTF_8));
	}

	private static String basic(String email, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static JsonNode find(JsonNode items, String name) {
		for (JsonNode item : items) {
			if (item.get("name").asString().equals(name)) {
				return item;
			}
		}
		throw new AssertionError("no token named " + name + " in " + items);
	}
}
