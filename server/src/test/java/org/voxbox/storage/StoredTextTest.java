package org.voxbox.storage;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.voxbox.Api;
import org.voxbox.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text the API stores is bounded by Voxbox, not by the database: a value at a column's limit is stored and read
 * back unchanged, one beyond it — or with a NUL or another control character, which PostgreSQL refuses in any
 * text — gets 400 in the API's error shape, on SQLite and on PostgreSQL alike (the build runs this class on both).
 */
class StoredTextTest extends ApiTest {

	/** 100 characters outside ASCII (the store counts characters, not bytes). */
	private static final String HUNDRED = "é".repeat(100);

	@Test
	void namesAreStoredUpToTheirLimitAndRefusedBeyondItOrWithControlCharacters() {
		Api.Response created = createPerson(HUNDRED, "Lang", "names." + unique() + "@example.com");
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		assertThat(api.get("/v1/people/" + id, ADMIN_TOKEN).json().get("firstName").asString()).isEqualTo(HUNDRED);

		assertInvalid(createPerson(HUNDRED + "é", "Lang", "names." + unique() + "@example.com"));
		assertInvalid(createPerson("Jan", "Jan\u0000sen", "names." + unique() + "@example.com"));
		assertInvalid(createPerson("Jan\u0007", "Jansen", "names." + unique() + "@example.com"));
	}

	@Test
	void emailAddressesAreStoredUpTo320CharactersAndRefusedBeyondOrWithANul() {
		// The longest that is an address: a local part of 64 characters, a domain of 255.
		String local = "m" + unique() + ".";
		local += "x".repeat(64 - local.length());
		String labels = "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(63) + ".";
		String longest = local + "@" + labels + "g".repeat(255 - labels.length() - ".com".length()) + ".com";
		assertThat(longest).hasSize(320);
		Api.Response created = createPerson("Max", "Mail", longest);
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		assertThat(api.get("/v1/people/" + created.json().get("id").asString(), ADMIN_TOKEN).json().get("emails").get(0)
			.asString()).isEqualTo(longest);

		assertInvalid(createPerson("Max", "Mail", longest.replace(".com", ".comz")));
		assertInvalid(createPerson("Nul", "Mail", "nul\u0000" + unique() + "@example.com"));
	}

	@Test
	void tokenNamesAreStoredUpTo100CharactersAndRefusedBeyondOrWithControlCharacters() {
		TestPerson p = person("Token", "Naam", "en");
		// Fifty emoji are a hundred UTF-16 units: the limit as Java counts it, within it as the store counts.
		String emoji = "\uD83D\uDCDE".repeat(50);
		for (String name : List.of(HUNDRED, emoji)) {
			Api.Response issued = api.post("/v1/people/me/tokens", p.token(), Map.of("name", name));
			assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
			assertThat(issued.json().get("name").asString()).isEqualTo(name);
		}
		assertThat(api.get("/v1/people/me/tokens", p.token()).text()).contains(HUNDRED, emoji);

		for (String name : List.of(HUNDRED + "x", "to\u0000ken", "bell\u0007")) {
			assertInvalid(api.post("/v1/people/me/tokens", p.token(), Map.of("name", name)));
		}
	}

	@Test
	void transferNumbersAreStoredUpToTheirLimitAndRefusedBeyondIt() {
		TestPerson p = voicemailUser("Door", "Verbinden", "en");
		String settings = "/v1/telephony/config/people/me/settings/voicemail";
		// This context has no phone region, so the transfer policy takes extensions of the organisation (up to
		// ten digits) and no numbers: the longest destination it stores is a colleague's ten-digit extension.
		// Random, as a PostgreSQL database may keep the people of earlier runs.
		String longest = String.format("9%09d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000_000));
		person(ADMIN_TOKEN, "Lang", "Toestel", "en", "USER", longest, null);
		Api.Response set = api.put(settings, p.token(),
				Map.of("transferToNumber", Map.of("enabled", true, "destination", longest)));
		assertThat(set.status()).as(set.toString()).isEqualTo(204);
		assertThat(api.get(settings, p.token()).json().get("transferToNumber").get("destination").asString())
			.isEqualTo(longest);

		// The longest the API reads as a number ("+" and 20 digits) is no number the policy takes.
		for (String bad : List.of("+" + "1".repeat(20), "1".repeat(21), "12\u00003")) {
			assertInvalid(api.put(settings, p.token(), Map.of("transferToNumber", Map.of("enabled", true, "destination", bad))));
		}
		assertThat(api.get(settings, p.token()).json().get("transferToNumber").get("destination").asString())
			.isEqualTo(longest);
	}

	private Api.Response createPerson(String first, String last, String email) {
		return api.post("/v1/people", ADMIN_TOKEN,
				Map.of("emails", List.of(email), "firstName", first, "lastName", last, "language", "en"));
	}

	/** 400 in the Webex error shape: refused by Voxbox, not by the database (which would make it 409 or 500). */
	private static void assertInvalid(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("description").asString()).isNotBlank();
		assertThat(response.json().get("trackingId").asString()).isNotBlank();
	}
}
