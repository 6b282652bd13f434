package org.voxbox.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.web.PublicId;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/people} over HTTP: the Webex People subset, who may do what, and the errors in the caller's language. */
class PeopleApiTest extends ApiTest {

	/** Phone numbers and extensions of this class start at a random base, away from the helpers' ranges. */
	private static final int NUMBER_BASE = ThreadLocalRandom.current().nextInt(2_000_000, 8_000_000);

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

	@Autowired
	private Organisations organisations;

	@Autowired
	private People people;

	@Autowired
	private ApiTokens tokens;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transaction;

	@Test
	void createsPersonWithOpaqueIdAndInternationalPhoneNumber() {
		int n = NUMBER_BASE + unique();
		String email = "Ada." + n + "." + System.nanoTime() + "@Example.com";
		String extension = String.valueOf(70_000_000 + n);
		String spaced = "+31 20 " + String.valueOf(n).substring(0, 3) + " " + String.valueOf(n).substring(3);

		Api.Response created = api.post("/v1/people", ADMIN_TOKEN,
				personBody(email, "Ada", "Lovelace", spaced, extension, "nl", "USER"));

		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		JsonNode json = created.json();
		String id = json.get("id").asString();
		UUID internal = PublicId.PEOPLE.decode(id).orElseThrow();
		assertThat(id).as("opaque").doesNotContain(internal.toString()).doesNotContain("-");
		assertThat(json.get("emails").size()).isEqualTo(1);
		assertThat(json.get("emails").get(0).asString()).isEqualTo(email.toLowerCase(Locale.ROOT));
		assertThat(json.get("firstName").asString()).isEqualTo("Ada");
		assertThat(json.get("lastName").asString()).isEqualTo("Lovelace");
		assertThat(json.get("displayName").asString()).isEqualTo("Ada Lovelace");
		assertThat(json.get("phoneNumbers").size()).isEqualTo(1);
		assertThat(json.get("phoneNumbers").get(0).get("value").asString()).isEqualTo("+3120" + n);
		assertThat(json.get("phoneNumbers").get(0).get("type").asString()).isEqualTo("work");
		assertThat(json.get("extension").asString()).isEqualTo(extension);
		assertThat(json.get("language").asString()).isEqualTo("nl");
		assertThat(json.get("role").asString()).isEqualTo("USER");
		assertThat(json.get("orgId").asString()).isNotBlank();
		assertThat(Instant.parse(json.get("created").asString())).isBefore(Instant.now().plusSeconds(5));

		Api.Response fetched = api.get("/v1/people/" + id, ADMIN_TOKEN);
		assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
		assertThat(fetched.json()).isEqualTo(json);
	}

	@Test
	void personSeesThemselvesAtMe() {
		TestPerson grace = person("Grace", "Hopper", "en");

		Api.Response me = api.get("/v1/people/me", grace.token());

		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(me.json().get("id").asString()).isEqualTo(grace.id());
		assertThat(me.json().get("emails").get(0).asString()).isEqualTo(grace.email());
		assertThat(me.json().get("role").asString()).isEqualTo("USER");
		assertThat(me.json().get("phoneNumbers").get(0).get("value").asString()).isEqualTo(grace.phone());

		Api.Response byId = api.get("/v1/people/" + grace.id(), grace.token());
		assertThat(byId.status()).as(byId.toString()).isEqualTo(200);
		assertThat(byId.json()).isEqualTo(me.json());
	}

	@Test
	void listPagesThroughNextLinks() {
		List<TestPerson> mine = List.of(person("Page", "One", "en"), person("Page", "Two", "en"), person("Page", "Three", "en"));

		Api.Response first = api.get("/v1/people?max=2", ADMIN_TOKEN);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(ids(first)).hasSize(2);
		String next = nextLink(first);
		assertThat(next).as("Link header of the first page").isNotNull().contains("start=2").contains("max=2");

		Api.Response second = api.get(next, ADMIN_TOKEN);
		assertThat(second.status()).as(second.toString()).isEqualTo(200);
		assertThat(ids(second)).isNotEmpty().hasSizeLessThanOrEqualTo(2).doesNotContainAnyElementsOf(ids(first));

		// The two pages are the start of one listing.
		Api.Response four = api.get("/v1/people?max=4&start=0", ADMIN_TOKEN);
		List<String> firstTwoPages = new ArrayList<>(ids(first));
		firstTwoPages.addAll(ids(second));
		assertThat(ids(four)).startsWith(firstTwoPages.toArray(String[]::new));

		// Following every next link visits everyone once, the new people included, and ends without a link.
		List<String> seen = new ArrayList<>();
		String page = "/v1/people?max=2";
		for (int pages = 0; page != null; pages++) {
			assertThat(pages).as("pages followed").isLessThan(5_000);
			Api.Response r = api.get(page, ADMIN_TOKEN);
			assertThat(r.status()).as(r.toString()).isEqualTo(200);
			List<String> items = ids(r);
			page = nextLink(r);
			assertThat(items).hasSize(page == null ? items.size() : 2);
			seen.addAll(items);
		}
		assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
		assertThat(seen).containsAll(mine.stream().map(TestPerson::id).toList());
	}

	@Test
	void emailFilterFindsExactlyThatPerson() {
		List<TestPerson> three = List.of(person("Filter", "Alpha", "en"), person("Filter", "Beta", "en"),
				person("Filter", "Gamma", "en"));
		TestPerson beta = three.get(1);

		Api.Response found = api.get("/v1/people?max=2&email=" + beta.email().toUpperCase(Locale.ROOT), ADMIN_TOKEN);

		assertThat(found.status()).as(found.toString()).isEqualTo(200);
		assertThat(ids(found)).containsExactly(beta.id());
		assertThat(found.header("Link")).isNull();

		Api.Response none = api.get("/v1/people?email=nobody." + unique() + "@example.com", ADMIN_TOKEN);
		assertThat(none.status()).isEqualTo(200);
		assertThat(ids(none)).isEmpty();
	}

	@Test
	void putReplacesTheDetails() {
		TestPerson alan = person("Alan", "Turing", "en");
		int n = NUMBER_BASE + unique();
		String newEmail = "alan.mathison." + n + "." + System.nanoTime() + "@example.com";
		String newPhone = "+31 20 " + String.valueOf(n).substring(0, 3) + " " + String.valueOf(n).substring(3);
		String newExtension = String.valueOf(70_000_000 + n);

		Api.Response changed = api.put("/v1/people/" + alan.id(), ADMIN_TOKEN,
				personBody(newEmail, "Alan M.", "Turing-Smith", newPhone, newExtension, "nl", "USER"));

		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		Api.Response fetched = api.get("/v1/people/" + alan.id(), ADMIN_TOKEN);
		JsonNode json = fetched.json();
		assertThat(json.get("id").asString()).isEqualTo(alan.id());
		assertThat(json.get("emails").get(0).asString()).isEqualTo(newEmail);
		assertThat(json.get("firstName").asString()).isEqualTo("Alan M.");
		assertThat(json.get("lastName").asString()).isEqualTo("Turing-Smith");
		assertThat(json.get("phoneNumbers").get(0).get("value").asString()).isEqualTo("+3120" + n);
		assertThat(json.get("extension").asString()).isEqualTo(newExtension);
		assertThat(json.get("language").asString()).isEqualTo("nl");
		assertThat(fetched.json()).isEqualTo(changed.json());

		// A replacement without phone and extension leaves the person without them.
		Api.Response bare = api.put("/v1/people/" + alan.id(), ADMIN_TOKEN,
				personBody(newEmail, "Alan", "Turing", null, null, null, null));
		assertThat(bare.status()).as(bare.toString()).isEqualTo(200);
		JsonNode after = api.get("/v1/people/" + alan.id(), ADMIN_TOKEN).json();
		assertThat(after.get("phoneNumbers").size()).isZero();
		assertThat(after.get("extension")).isNull();
		assertThat(after.get("language").asString()).as("language kept when not sent").isEqualTo("nl");
		assertThat(after.get("role").asString()).isEqualTo("USER");
	}

	@Test
	void deletedPersonIsGoneWithTheirTokens() {
		TestPerson bob = person("Bob", "Gone", "en");

		Api.Response deleted = api.delete("/v1/people/" + bob.id(), ADMIN_TOKEN);

		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
		assertThat(deleted.text()).isEmpty();
		Api.Response fetched = api.get("/v1/people/" + bob.id(), ADMIN_TOKEN);
		assertThat(fetched.status()).isEqualTo(404);
		assertThat(fetched.codes()).containsExactly("NOT_FOUND");
		assertThat(api.get("/v1/people/me", bob.token()).status()).isEqualTo(401);
		assertThat(api.delete("/v1/people/" + bob.id(), ADMIN_TOKEN).status()).isEqualTo(404);
		assertThat(api.get("/v1/people?email=" + bob.email(), ADMIN_TOKEN).json().get("items").size()).isZero();
	}

	@Test
	void duplicateEmailIsAConflict() {
		TestPerson first = person("Dup", "Licate", "en");

		Api.Response again = api.post("/v1/people", ADMIN_TOKEN,
				personBody(first.email().toUpperCase(Locale.ROOT), "Other", "Person", null, null, "en", "USER"));

		assertThat(again.status()).as(again.toString()).isEqualTo(409);
		assertThat(again.codes()).containsExactly("CONFLICT");
		assertThat(again.json().get("errors").get(0).get("description").asString())
			.isEqualTo("Another person already has this email address.");
		assertThat(api.get("/v1/people?email=" + first.email(), ADMIN_TOKEN).json().get("items").size()).isEqualTo(1);
	}

	@Test
	void invalidPersonIsRefusedWithEveryProblemListed() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("emails", List.of("not-an-email"));
		body.put("firstName", "");
		body.put("lastName", "  ");
		body.put("extension", "12ab");
		body.put("phoneNumbers", List.of(Map.of("type", "work", "value", "12345")));
		body.put("language", "fr");
		body.put("role", "ROOT");

		Api.Response refused = api.post("/v1/people", ADMIN_TOKEN, body);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		JsonNode json = refused.json();
		assertThat(json.get("message").asString()).isEqualTo("The person is not valid.");
		assertThat(json.get("errors").size()).isEqualTo(6);
		assertThat(refused.codes()).containsOnly("INVALID_FIELD");
		List<String> descriptions = new ArrayList<>();
		json.get("errors").forEach(e -> descriptions.add(e.get("description").asString()));
		assertThat(descriptions).containsExactlyInAnyOrder("The email address is not valid.",
				"First name and last name are required (at most 100 characters each).",
				"The extension must be 2 to 10 digits.",
				"The phone number is not valid; give it in international form, e.g. +31201234567.",
				"The language must be \"en\" or \"nl\".", "The role must be \"ADMIN\" or \"USER\".");
		assertThat(json.get("trackingId").asString()).isEqualTo(refused.header("TrackingID"));
	}

	@Test
	void missingEmailIsRefused() {
		Api.Response refused = api.post("/v1/people", ADMIN_TOKEN, Map.of("firstName", "No", "lastName", "Email"));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.json().get("errors").size()).isEqualTo(1);
		assertThat(refused.json().get("errors").get(0).get("description").asString())
			.isEqualTo("Give exactly one email address.");
	}

	@Test
	void lastAdministratorCanBeNeitherDeletedNorDemoted() {
		Org org = organisationWithOneAdministrator();

		Api.Response delete = api.delete("/v1/people/" + org.adminId(), org.adminToken());
		assertThat(delete.status()).as(delete.toString()).isEqualTo(409);
		assertThat(delete.json().get("errors").get(0).get("description").asString())
			.isEqualTo("The organisation's last administrator cannot be removed or demoted.");

		Api.Response demote = api.put("/v1/people/" + org.adminId(), org.adminToken(),
				personBody(org.adminEmail(), "Only", "Admin", null, null, "en", "USER"));
		assertThat(demote.status()).as(demote.toString()).isEqualTo(409);
		assertThat(api.get("/v1/people/me", org.adminToken()).json().get("role").asString()).isEqualTo("ADMIN");

		// A second administrator may come and go; the first stays protected throughout.
		TestPerson second = person(org.adminToken(), "Second", "Admin", "en", "ADMIN", null, null);
		assertThat(api.get("/v1/people/me", second.token()).json().get("role").asString()).isEqualTo("ADMIN");
		Api.Response deleteSecond = api.delete("/v1/people/" + second.id(), org.adminToken());
		assertThat(deleteSecond.status()).as(deleteSecond.toString()).isEqualTo(204);
		assertThat(api.get("/v1/people/" + second.id(), org.adminToken()).status()).isEqualTo(404);
		assertThat(api.delete("/v1/people/" + org.adminId(), org.adminToken()).status()).isEqualTo(409);
	}

	@Test
	void administratorMayBeDemotedWhileAnotherRemains() {
		Org org = organisationWithOneAdministrator();
		TestPerson second = person(org.adminToken(), "Second", "Admin", "en", "ADMIN", null, null);

		Api.Response demote = api.put("/v1/people/" + org.adminId(), org.adminToken(),
				personBody(org.adminEmail(), "Only", "Admin", null, null, "en", "USER"));

		assertThat(demote.status()).as(demote.toString()).isEqualTo(200);
		assertThat(api.get("/v1/people/me", org.adminToken()).json().get("role").asString()).isEqualTo("USER");
		// Now the second is the last one.
		Api.Response deleteSecond = api.delete("/v1/people/" + second.id(), second.token());
		assertThat(deleteSecond.status()).as(deleteSecond.toString()).isEqualTo(409);
	}

	@Test
	void userCannotManagePeople() {
		TestPerson user = person("Plain", "User", "en");
		TestPerson other = person("Other", "User", "en");

		Api.Response create = api.post("/v1/people", user.token(),
				personBody("made.by.user." + unique() + "@example.com", "Not", "Allowed", null, null, "en", "USER"));
		assertThat(create.status()).as(create.toString()).isEqualTo(403);
		assertThat(create.codes()).containsExactly("FORBIDDEN");
		assertThat(create.json().get("errors").get(0).get("description").asString())
			.isEqualTo("Only an administrator of your organisation can do this.");

		assertThat(api.get("/v1/people", user.token()).status()).isEqualTo(403);
		assertThat(api.delete("/v1/people/" + user.id(), user.token()).status()).isEqualTo(403);
		assertThat(api.get("/v1/people/me", user.token()).status()).as("still there").isEqualTo(200);
		assertThat(api.get("/v1/people/" + other.id(), ADMIN_TOKEN).status()).isEqualTo(200);
	}

	@Test
	void userMayChangeOwnLanguageButNothingElse() {
		TestPerson user = person("Self", "Service", "en");

		Api.Response rename = api.put("/v1/people/" + user.id(), user.token(),
				personBody(user.email(), "Renamed", user.lastName(), user.phone(), user.extension(), "en", null));
		assertThat(rename.status()).as(rename.toString()).isEqualTo(403);
		Api.Response promote = api.put("/v1/people/" + user.id(), user.token(),
				personBody(user.email(), user.firstName(), user.lastName(), user.phone(), user.extension(), "en", "ADMIN"));
		assertThat(promote.status()).as(promote.toString()).isEqualTo(403);
		assertThat(api.get("/v1/people/me", user.token()).json().get("firstName").asString()).isEqualTo("Self");

		Api.Response dutch = api.put("/v1/people/" + user.id(), user.token(),
				personBody(user.email(), user.firstName(), user.lastName(), user.phone(), user.extension(), "nl", null));
		assertThat(dutch.status()).as(dutch.toString()).isEqualTo(200);
		JsonNode me = api.get("/v1/people/me", user.token()).json();
		assertThat(me.get("language").asString()).isEqualTo("nl");
		assertThat(me.get("role").asString()).isEqualTo("USER");
		assertThat(me.get("firstName").asString()).isEqualTo("Self");
	}

	@Test
	void otherPeopleAreNotFoundRatherThanForbidden() {
		TestPerson user = person("Curious", "User", "en");
		TestPerson other = person("Private", "Person", "en");

		Api.Response get = api.get("/v1/people/" + other.id(), user.token());
		assertThat(get.status()).as(get.toString()).isEqualTo(404);
		assertThat(get.codes()).containsExactly("NOT_FOUND");
		Api.Response put = api.put("/v1/people/" + other.id(), user.token(),
				personBody(other.email(), "Hijacked", "Name", null, null, "en", null));
		assertThat(put.status()).as(put.toString()).isEqualTo(404);
		assertThat(api.get("/v1/people/" + other.id(), ADMIN_TOKEN).json().get("firstName").asString()).isEqualTo("Private");
	}

	@Test
	void administratorDoesNotSeeAnotherOrganisation() {
		Org org = organisationWithOneAdministrator();
		TestPerson ours = person("Ours", "Person", "en");

		assertThat(api.get("/v1/people/" + ours.id(), org.adminToken()).status()).isEqualTo(404);
		assertThat(api.delete("/v1/people/" + ours.id(), org.adminToken()).status()).isEqualTo(404);
		assertThat(api.get("/v1/people/" + org.adminId(), ADMIN_TOKEN).status()).isEqualTo(404);
		assertThat(api.get("/v1/people?email=" + ours.email(), org.adminToken()).json().get("items").size()).isZero();
		assertThat(api.get("/v1/people/" + ours.id(), ADMIN_TOKEN).status()).as("untouched").isEqualTo(200);
	}

	@Test
	void unknownOrGarbageIdIsNotFound() {
		for (String id : List.of(PublicId.PEOPLE.encode(UUID.randomUUID()), "garbage", "dm94Ym94Oi9QRU9QTEUvbm90LWEtdXVpZA",
				PublicId.TOKEN.encode(UUID.randomUUID()), UUID.randomUUID().toString())) {
			Api.Response r = api.get("/v1/people/" + id, ADMIN_TOKEN);
			assertThat(r.status()).as(id + " -> " + r).isEqualTo(404);
			assertThat(r.codes()).containsExactly("NOT_FOUND");
		}
	}

	@Test
	void dutchSpeakerGetsDutchErrors() {
		TestPerson dutch = person("Anne", "de Vries", "nl");
		TestPerson other = person("Other", "Person", "en");

		Api.Response notFound = api.get("/v1/people/" + other.id(), dutch.token());
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.json().get("errors").get(0).get("description").asString()).isEqualTo("Deze persoon bestaat niet.");

		Api.Response forbidden = api.get("/v1/people", dutch.token());
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.json().get("errors").get(0).get("description").asString())
			.isEqualTo("Alleen een beheerder van uw organisatie kan dit doen.");

		Api.Response invalid = api.put("/v1/people/" + dutch.id(), dutch.token(),
				personBody(dutch.email(), dutch.firstName(), dutch.lastName(), dutch.phone(), dutch.extension(), "fr", null));
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("message").asString()).isEqualTo("De persoon is niet geldig.");
		assertThat(invalid.json().get("errors").get(0).get("description").asString())
			.isEqualTo("De taal moet \"en\" of \"nl\" zijn.");

		Api.Response malformed = api.put("/v1/people/" + dutch.id(), dutch.token(), "{not json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.json().get("message").asString())
			.isEqualTo("De inhoud van het verzoek is geen geldige JSON van de verwachte vorm.");
	}

	/** An organisation of its own whose only person is its administrator, so its last administrator is known. */
	private Org organisationWithOneAdministrator() {
		Organisation org = new Organisation(UUID.randomUUID(), "Isolated " + unique(), false, Instant.now());
		String email = "only.admin." + unique() + "." + System.nanoTime() + "@example.com";
		Person admin = new Person(UUID.randomUUID(), org.id(), "Only", "Admin", email, null, null, Locale.ENGLISH,
				Role.ADMIN, Instant.now());
		String secret = transaction.execute(status -> {
			organisations.insert(org);
			people.insert(admin);
			events.publishEvent(new PersonCreated(admin.id(), org.id(), null, Channel.SYSTEM));
			return tokens.issue(admin.id(), "test").secret();
		});
		return new Org(PublicId.PEOPLE.encode(admin.id()), email, secret);
	}

	private record Org(String adminId, String adminEmail, String adminToken) {
	}

	private static Map<String, Object> personBody(String email, String firstName, String lastName, @Nullable String phone,
			@Nullable String extension, @Nullable String language, @Nullable String role) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("emails", List.of(email));
		body.put("firstName", firstName);
		body.put("lastName", lastName);
		if (phone != null) {
			body.put("phoneNumbers", List.of(Map.of("type", "work", "value", phone)));
		}
		if (extension != null) {
			body.put("extension", extension);
		}
		if (language != null) {
			body.put("language", language);
		}
		if (role != null) {
			body.put("role", role);
		}
		return body;
	}

	private static List<String> ids(Api.Response list) {
		List<String> ids = new ArrayList<>();
		list.json().get("items").forEach(item -> ids.add(item.get("id").asString()));
		return ids;
	}

	private static @Nullable String nextLink(Api.Response r) {
		String link = r.header("Link");
		if (link == null) {
			return null;
		}
		Matcher m = NEXT.matcher(link);
		return m.find() ? m.group(1) : null;
	}
}
