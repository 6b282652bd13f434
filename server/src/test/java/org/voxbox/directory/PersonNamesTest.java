package org.voxbox.directory;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.voxbox.Api;
import org.voxbox.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names are stored in Unicode NFC, and a name that hides text-direction controls or zero-width characters is
 * refused with 400 {@code INVALID_FIELD}: a person's, on creation and change, and an API token's.
 */
class PersonNamesTest extends ApiTest {

	/** Each of the characters refused: bidi embeddings, overrides and isolates, and the zero-width ones. */
	private static final List<Integer> HIDDEN = List.of(0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
			0x2069, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF);

	@Test
	void decomposedNameIsStoredComposed() {
		String decomposed = "Jose\u0301";
		Api.Response created = api.post("/v1/people", ADMIN_TOKEN, Map.of("emails", List.of(email()), "firstName",
				decomposed, "lastName", "A\u030Angstr\u00F6m"));

		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		Api.Response read = api.get("/v1/people/" + id, ADMIN_TOKEN);
		assertThat(read.json().get("firstName").asString()).isEqualTo("Jos\u00E9");
		assertThat(read.json().get("lastName").asString()).isEqualTo("\u00C5ngstr\u00F6m");
		assertThat(read.json().get("displayName").asString()).isEqualTo("Jos\u00E9 \u00C5ngstr\u00F6m");
	}

	@Test
	void everyHiddenCharacterInANameIsRefusedAndNothingIsStored() {
		for (int c : HIDDEN) {
			String hidden = "Ev" + Character.toString(c) + "e";
			String email = email();
			Api.Response first = api.post("/v1/people", ADMIN_TOKEN,
					Map.of("emails", List.of(email), "firstName", hidden, "lastName", "Hidden"));
			Api.Response last = api.post("/v1/people", ADMIN_TOKEN,
					Map.of("emails", List.of(email), "firstName", "Eve", "lastName", hidden));

			String what = String.format("U+%04X", c);
			assertThat(first.status()).as(what + " " + first).isEqualTo(400);
			assertThat(first.codes()).as(what).containsExactly("INVALID_FIELD");
			assertThat(last.status()).as(what + " " + last).isEqualTo(400);
			assertThat(last.codes()).as(what).containsExactly("INVALID_FIELD");
			assertThat(api.get("/v1/people?email=" + email, ADMIN_TOKEN).json().get("items").size()).as(what).isZero();
		}
	}

	@Test
	void renamingToAHiddenOverrideIsRefused() {
		TestPerson ray = person("Ray", "Plain", "en");

		Api.Response r = api.put("/v1/people/" + ray.id(), ADMIN_TOKEN,
				Map.of("emails", List.of(ray.email()), "firstName", "Ray", "lastName", "\u202Enialp"));

		assertThat(r.status()).as(r.toString()).isEqualTo(400);
		assertThat(r.codes()).containsExactly("INVALID_FIELD");
		assertThat(api.get("/v1/people/" + ray.id(), ADMIN_TOKEN).json().get("lastName").asString()).isEqualTo("Plain");
	}

	@Test
	void tokenNameWithAnIsolateIsRefused() {
		TestPerson sam = person("Sam", "Tokens", "en");

		Api.Response r = api.post("/v1/people/me/tokens", sam.token(), Map.of("name", "laptop\u2066 admin\u2069"));

		assertThat(r.status()).as(r.toString()).isEqualTo(400);
		assertThat(r.codes()).containsExactly("INVALID_FIELD");
	}

	private static String email() {
		return "names." + unique() + "." + System.nanoTime() + "@example.com";
	}
}
