package org.voxbox.pin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.directory.Channel;
import org.voxbox.directory.DirectoryFixtures;
import org.voxbox.web.PublicId;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The voicemail PIN over the REST API, against the running app and a real database. */
@Import(DirectoryFixtures.class)
class PinApiTest extends ApiTest {

	private static final String MY_PIN = "/v1/telephony/config/people/me/voicemail/pin";

	private static final String VALIDATE = MY_PIN + "/actions/validate/invoke";

	private static final String RULES = "/v1/telephony/config/voicemail/rules";

	@Autowired
	PinVerification verification;

	@Autowired
	DirectoryFixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	private static UUID uuid(TestPerson p) {
		return PublicId.PEOPLE.decode(p.id()).orElseThrow();
	}

	private PinVerification.Outcome verify(TestPerson p, String pin) {
		return verification.verify(uuid(p), pin, Channel.PHONE);
	}

	@Test
	void ownerSetsPinAndOnlyAnArgon2idVerifierIsStored() {
		TestPerson jan = voicemailUser("Jan", "Jansen", "en");
		Api.Response r = setOwnPin(jan, "730519");
		assertThat(r.status()).as(r.toString()).isEqualTo(204);
		assertThat(verify(jan, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED);
		List<String> verifiers = jdbc.sql("SELECT verifier FROM pin_history WHERE person_id = :p")
			.param("p", uuid(jan).toString())
			.query(String.class)
			.list();
		assertThat(verifiers).singleElement().satisfies(v -> {
			assertThat(v).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("730519");
		});
	}

	@Test
	void rejectedPinListsEveryBrokenRuleInSpecOrder() {
		TestPerson eva = voicemailUser("Eva", "Smit", "en");
		// "382" spells "Eva" on the keypad and is too short; the confirmation differs.
		Api.Response r = api.put(MY_PIN, eva.token(), Map.of("passcode", "382", "confirmPasscode", "383"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.codes()).containsExactly("TOO_SHORT", "CONFIRMATION_MISMATCH", "MATCHES_NAME");
		JsonNode errors = r.json().get("errors");
		assertThat(errors.get(0).get("errorCode").asInt()).isEqualTo(4102);
		assertThat(errors.get(0).get("description").asString()).contains("6");
		String trackingId = r.json().get("trackingId").asString();
		assertThat(trackingId).isNotBlank();
		// The tracking id is random hex and may hold "383" by chance (about 1 run in 140): look past it.
		assertThat(r.text().replace(trackingId, "")).doesNotContain("\"382\"").doesNotContain("383");
	}

	@Test
	void dutchPersonGetsDutchDescriptions() {
		TestPerson jan = voicemailUser("Jan", "Jansen", "nl");
		Api.Response r = api.put(MY_PIN, jan.token(), Map.of("passcode", "526736"));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.codes()).containsExactly("MATCHES_NAME");
		assertThat(r.json().get("message").asString()).contains("pincode");
		assertThat(r.json().get("errors").get(0).get("description").asString()).containsIgnoringCase("naam");
	}

	@Test
	void pinCallsWithoutVoicemailAnswer403AskingToContactTheAdministrator() {
		TestPerson off = person("Piet", "Uit", "en");
		Api.Response set = setOwnPin(off, "730519");
		assertThat(set.status()).isEqualTo(403);
		assertThat(set.codes()).containsExactly("VOICEMAIL_NOT_ENABLED");
		assertThat(set.json().get("errors").get(0).get("description").asString()).contains("contact your administrator");
		Api.Response validate = api.post(VALIDATE, off.token(), Map.of("passcode", "730519"));
		assertThat(validate.status()).isEqualTo(403);

		TestPerson dutch = person("Piet", "Uit", "nl");
		assertThat(setOwnPin(dutch, "730519").json().get("errors").get(0).get("description").asString())
			.contains("neem contact op met uw beheerder");
		Api.Response admin = api.post("/v1/people/" + off.id() + "/features/voicemail/actions/resetPin/invoke", ADMIN_TOKEN, null);
		assertThat(admin.status()).isEqualTo(403);
	}

	@Test
	void validateReportsViolationsWithoutChangingAnythingOrCountingAnAttempt() {
		TestPerson p = voicemailUser("Ann", "Visser", "en");
		assertThat(setOwnPin(p, "730519").status()).isEqualTo(204);
		Api.Response bad = api.post(VALIDATE, p.token(), Map.of("passcode", "121212", "confirmPasscode", "121212"));
		assertThat(bad.status()).isEqualTo(200);
		assertThat(bad.json().get("valid").asBoolean()).isFalse();
		List<String> codes = new ArrayList<>();
		bad.json().get("violations").forEach(v -> {
			codes.add(v.get("code").asString());
			assertThat(v.get("description").asString()).isNotBlank();
			assertThat(v.get("errorCode").asInt()).isBetween(4101, 4117);
		});
		assertThat(codes).containsExactly("REPEATED_GROUP");
		Api.Response good = api.post(VALIDATE, p.token(), Map.of("passcode", "840627", "confirmPasscode", "840627"));
		assertThat(good.json().get("valid").asBoolean()).as(good.toString()).isTrue();
		assertThat(good.json().get("violations")).isEmpty();
		// Nothing changed: the old PIN still opens the mailbox, and no attempt was counted.
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED);
		assertThat(failedAttempts(p)).isZero();
	}

	@Test
	void validateNeverAnswersTheRulesThatNeedTheStoredPinsOnlySubmitDoes() {
		TestPerson p = voicemailUser("Rik", "Stam", "en");
		assertThat(setOwnPin(p, "730519").status()).isEqualTo(204);
		for (String probe : List.of("915037", "730519")) { // the current PIN reversed, and the current PIN
			Api.Response r = api.post(VALIDATE, p.token(), Map.of("passcode", probe, "confirmPasscode", probe));
			assertThat(r.status()).isEqualTo(200);
			assertThat(r.json().get("valid").asBoolean()).as(r.toString()).isTrue();
			assertThat(r.json().get("violations")).isEmpty();
			List<String> onSubmit = new ArrayList<>();
			r.json().get("checkedOnSubmit").forEach(code -> onSubmit.add(code.asString()));
			assertThat(onSubmit).containsExactly("IN_HISTORY", "REVERSE_OF_CURRENT");
		}
		assertThat(setOwnPin(p, "915037").codes()).containsExactly("REVERSE_OF_CURRENT");
		assertThat(setOwnPin(p, "730519").codes()).containsExactly("IN_HISTORY");
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void submitsPastTheHourlyBudgetAnswer429WithRetryAfterUntilTheHourHasPassed() {
		TestPerson p = voicemailUser("Tom", "Wit", "en");
		assertThat(setOwnPin(p, "730519").status()).isEqualTo(204);
		List<String> probes = validPins(9, 41);
		for (String probe : probes) { // nine more submits: ten in the hour
			assertThat(api.put(MY_PIN, p.token(), Map.of("passcode", probe, "confirmPasscode", probe + "0")).status())
				.isEqualTo(400);
		}
		Api.Response over = setOwnPin(p, "915037");
		assertThat(over.status()).as(over.toString()).isEqualTo(429);
		assertThat(over.codes()).containsExactly("TOO_MANY_REQUESTS");
		assertThat(Integer.parseInt(over.header("Retry-After"))).isBetween(3500, 3600);
		assertThat(over.text()).doesNotContain("REVERSE_OF_CURRENT");
		// The live check is not part of the budget, and still works.
		assertThat(api.post(VALIDATE, p.token(), Map.of("passcode", "840627")).status()).isEqualTo(200);
		clock.advance(Duration.ofHours(1));
		assertThat(setOwnPin(p, "915037").codes()).containsExactly("REVERSE_OF_CURRENT");
	}

	@Test
	void anAdministratorSetsPinsForFortyPeopleInAMinute() {
		List<TestPerson> people = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			people.add(voicemailUser("New", "Starter" + i, "en"));
		}
		List<String> pins = validPins(40, 42);
		for (int i = 0; i < 40; i++) {
			Api.Response r = api.put("/v1/telephony/config/people/" + people.get(i).id() + "/voicemail/passcode", ADMIN_TOKEN,
					Map.of("passcode", pins.get(i)));
			assertThat(r.status()).as(i + ": " + r).isEqualTo(204);
		}
		assertThat(verify(people.get(39), pins.get(39))).isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);
	}

	@Test
	void anAdministratorProbingOnePersonsPinIsHeldToTheSameSubmitBudget() {
		TestPerson p = voicemailUser("Vic", "Tim", "en");
		List<Integer> statuses = new ArrayList<>();
		Api.Response last = null;
		for (int i = 0; i < 11; i++) {
			last = api.put("/v1/telephony/config/people/" + p.id() + "/voicemail/passcode", ADMIN_TOKEN,
					Map.of("passcode", "8406" + (10 + i), "confirmPasscode", "1"));
			statuses.add(last.status());
		}
		assertThat(statuses.subList(0, 10)).containsOnly(400);
		assertThat(last.status()).as(last.toString()).isEqualTo(429);
		assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(3500, 3600);
	}

	@Test
	void theLastTenPinsCannotBeReusedButTheEleventhCan() {
		TestPerson p = voicemailUser("Bram", "Bakker", "en");
		List<String> pins = validPins(11, 1);
		for (String pin : pins) {
			assertThat(setOwnPin(p, pin).status()).as(pin).isEqualTo(204);
			clock.advance(Duration.ofMinutes(6)); // within the ten submits an hour
		}
		// The current PIN and the nine before it are blocked; the oldest, eleven back, is free again.
		assertThat(setOwnPin(p, pins.get(1)).codes()).containsExactly("IN_HISTORY");
		assertThat(setOwnPin(p, pins.get(10)).codes()).containsExactly("IN_HISTORY");
		assertThat(setOwnPin(p, pins.get(0)).status()).isEqualTo(204);
	}

	@Test
	void governmentOrganisationsBlockTheLast24PinsByDefault() {
		var org = fixtures.organisationWithAdmin("Ministry", false);
		JsonNode before = api.get(RULES, org.adminToken()).json();
		assertThat(before.get("blockPreviousPasscodes").get("numberOfPasscodes").asInt()).isEqualTo(10);
		assertThat(api.put(RULES, org.adminToken(), Map.of("government", true)).status()).isEqualTo(204);
		JsonNode after = api.get(RULES, org.adminToken()).json();
		assertThat(after.get("government").asBoolean()).isTrue();
		assertThat(after.get("blockPreviousPasscodes").get("numberOfPasscodes").asInt()).isEqualTo(24);
		assertThat(after.get("systemHistoryDepth").asInt()).isEqualTo(24);

		TestPerson p = person(org.adminToken(), "Gov", "Worker", "en", "USER", null, null);
		assertThat(api.put("/v1/people/" + p.id() + "/features/voicemail", org.adminToken(), Map.of("enabled", true)).status())
			.isEqualTo(204);
		Api.Response rules = api.get("/v1/telephony/config/people/me/voicemail/rules", p.token());
		assertThat(rules.json().get("blockPreviousPasscodes").get("numberOfPasscodes").asInt()).isEqualTo(24);
		assertThat(rules.text()).contains("24");
		List<String> pins = validPins(12, 2);
		String first = pins.get(0);
		assertThat(setOwnPin(p, first).status()).isEqualTo(204);
		clock.advance(Duration.ofMinutes(6));
		List<String> next = pins.subList(1, 12);
		for (String pin : next) {
			assertThat(setOwnPin(p, pin).status()).as(pin).isEqualTo(204);
			clock.advance(Duration.ofMinutes(6)); // within the ten submits an hour
		}
		// Eleven changes later the first PIN is still among the last 24.
		assertThat(setOwnPin(p, first).codes()).containsExactly("IN_HISTORY");
		// An organisation may override the depth within 0–50.
		assertThat(api.put(RULES, org.adminToken(), Map.of("blockPreviousPasscodes", Map.of("numberOfPasscodes", 5))).status())
			.isEqualTo(204);
		assertThat(setOwnPin(p, first).status()).isEqualTo(204);
	}

	@Test
	void changeIntervalRuleAnswers409UntilTheDaysHavePassed() {
		var org = fixtures.organisationWithAdmin("Strict", false);
		assertThat(api.put(RULES, org.adminToken(), Map.of("changePasscode", Map.of("enabled", true, "numberOfDays", 2)))
			.status()).isEqualTo(204);
		TestPerson p = person(org.adminToken(), "Cor", "Dekker", "en", "USER", null, null);
		api.put("/v1/people/" + p.id() + "/features/voicemail", org.adminToken(), Map.of("enabled", true));
		assertThat(setOwnPin(p, "730519").status()).isEqualTo(204);
		Api.Response soon = setOwnPin(p, "840627");
		assertThat(soon.status()).isEqualTo(409);
		assertThat(soon.codes()).containsExactly("CHANGED_TOO_RECENTLY");
		clock.advance(Duration.ofDays(2).plusMinutes(1));
		assertThat(setOwnPin(p, "840627").status()).isEqualTo(204);
	}

	@Test
	void administratorSetPinMustBeChangedAndCannotBeItsOwnReplacement() {
		var org = fixtures.organisationWithAdmin("NoHistory", false);
		assertThat(api.put(RULES, org.adminToken(), Map.of("blockPreviousPasscodes", Map.of("enabled", false))).status())
			.isEqualTo(204);
		TestPerson p = person(org.adminToken(), "Dirk", "Smits", "en", "USER", null, null);
		api.put("/v1/people/" + p.id() + "/features/voicemail", org.adminToken(), Map.of("enabled", true));
		Api.Response set = api.put("/v1/telephony/config/people/" + p.id() + "/voicemail/passcode", org.adminToken(),
				Map.of("passcode", "730519"));
		assertThat(set.status()).as(set.toString()).isEqualTo(204);
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);
		assertThat(setOwnPin(p, "730519").codes()).containsExactly("IN_HISTORY");
		assertThat(setOwnPin(p, "840627").status()).isEqualTo(204);
		assertThat(verify(p, "840627")).isEqualTo(PinVerification.Outcome.ACCEPTED);
		// With the history rule off, the owner's own PIN may be set again.
		assertThat(setOwnPin(p, "840627").status()).isEqualTo(204);
		// The administrator's PIN obeys the policy too.
		Api.Response weak = api.put("/v1/telephony/config/people/" + p.id() + "/voicemail/passcode", org.adminToken(),
				Map.of("passcode", "123456"));
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.codes()).contains("SEQUENCE", "KEYPAD_LINE");
	}

	@Test
	void wrongPinsLockTheMailboxPersistentlyUntilTheOwnerSetsANewPin() {
		TestPerson p = voicemailUser("Els", "Mol", "en");
		assertThat(setOwnPin(p, "730519").status()).isEqualTo(204);
		assertThat(verify(p, "000001")).isEqualTo(PinVerification.Outcome.REJECTED);
		assertThat(verify(p, "000002")).isEqualTo(PinVerification.Outcome.REJECTED);
		assertThat(verify(p, "000003")).isEqualTo(PinVerification.Outcome.REJECTED_NOW_LOCKED);
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.LOCKED);
		assertThat(jdbc.sql("SELECT locked FROM pin_credential WHERE person_id = :p").param("p", uuid(p).toString())
			.query(Boolean.class).single()).isTrue();
		assertThat(auditTypes(p)).contains("MAILBOX_LOCKED");

		assertThat(setOwnPin(p, "840627").status()).isEqualTo(204);
		assertThat(verify(p, "840627")).isEqualTo(PinVerification.Outcome.ACCEPTED);
		assertThat(auditTypes(p)).contains("MAILBOX_UNLOCKED");
	}

	@Test
	void aCorrectPinClearsTheFailedAttemptCount() {
		TestPerson p = voicemailUser("Fem", "Kok", "en");
		assertThat(setOwnPin(p, "730519").status()).isEqualTo(204);
		verify(p, "000001");
		verify(p, "000002");
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED);
		assertThat(failedAttempts(p)).isZero();
		assertThat(verify(p, "000003")).isEqualTo(PinVerification.Outcome.REJECTED);
	}

	@Test
	void administratorResetGeneratesAPinOnceUnlocksAndForcesAChange() {
		TestPerson p = voicemailUser("Gijs", "Vos", "en");
		assertThat(setOwnPin(p, "730519").status()).isEqualTo(204);
		for (String wrong : List.of("000001", "000002", "000003")) {
			verify(p, wrong);
		}
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.LOCKED);
		Api.Response reset = api.post("/v1/people/" + p.id() + "/features/voicemail/actions/resetPin/invoke", ADMIN_TOKEN, null);
		assertThat(reset.status()).isEqualTo(200);
		String generated = reset.json().get("passcode").asString();
		assertThat(generated).matches("[0-9]{6}");
		assertThat(verify(p, generated)).isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);
		assertThat(auditTypes(p)).contains("PIN_RESET", "MAILBOX_UNLOCKED");
		assertThat(setOwnPin(p, generated).codes()).containsExactly("IN_HISTORY");
		assertThat(setOwnPin(p, "840627").status()).isEqualTo(204);
		assertThat(verify(p, "840627")).isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void organisationDefaultPinIsGivenToNewPeopleAndUsedByReset() {
		var org = fixtures.organisationWithAdmin("Defaults", false);
		Api.Response weak = api.put(RULES, org.adminToken(),
				Map.of("defaultVoicemailPinEnabled", true, "defaultVoicemailPin", "111111"));
		assertThat(weak.status()).isEqualTo(400);
		assertThat(weak.codes()).contains("REPEATED_DIGITS");
		Api.Response set = api.put(RULES, org.adminToken(),
				Map.of("defaultVoicemailPinEnabled", true, "defaultVoicemailPin", "730519"));
		assertThat(set.status()).as(set.toString()).isEqualTo(204);
		Api.Response rules = api.get(RULES, org.adminToken());
		assertThat(rules.json().get("defaultVoicemailPinRules").get("defaultVoicemailPinEnabled").asBoolean()).isTrue();
		assertThat(rules.text()).doesNotContain("730519");

		TestPerson p = person(org.adminToken(), "Hans", "Berg", "en", "USER", null, null);
		api.put("/v1/people/" + p.id() + "/features/voicemail", org.adminToken(), Map.of("enabled", true));
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);
		assertThat(setOwnPin(p, "730519").codes()).containsExactly("IN_HISTORY");
		assertThat(setOwnPin(p, "840627").status()).isEqualTo(204);
		Api.Response reset = api.post("/v1/people/" + p.id() + "/features/voicemail/actions/resetPin/invoke",
				org.adminToken(), null);
		assertThat(reset.status()).isEqualTo(204);
		assertThat(reset.text()).isEmpty();
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);
	}

	@Test
	void expiredPinMustBeChanged() {
		var org = fixtures.organisationWithAdmin("Expiring", false);
		assertThat(api.put(RULES, org.adminToken(), Map.of("expirePasscode", Map.of("enabled", true, "numberOfDays", 15)))
			.status()).isEqualTo(204);
		TestPerson p = person(org.adminToken(), "Ida", "Post", "en", "USER", null, null);
		api.put("/v1/people/" + p.id() + "/features/voicemail", org.adminToken(), Map.of("enabled", true));
		assertThat(setOwnPin(p, "730519").status()).isEqualTo(204);
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED);
		clock.advance(Duration.ofDays(16));
		assertThat(verify(p, "730519")).isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);
		assertThat(setOwnPin(p, "840627").status()).isEqualTo(204);
		assertThat(verify(p, "840627")).isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void everyRuleIsReadableAndWritableAndRangesAreEnforced() {
		var org = fixtures.organisationWithAdmin("Rules", false);
		Map<String, Object> update = new LinkedHashMap<>();
		update.put("defaultVoicemailPinRules", Map.of("blockRepeatedPatternsEnabled", false,
				"blockRepeatedDigits", Map.of("enabled", true, "max", 3),
				"blockContiguousSequences", Map.of("enabled", true, "numberOfAscendingDigits", 4, "numberOfDescendingDigits", 2),
				"length", Map.of("min", 8, "max", 12)));
		update.put("expirePasscode", Map.of("enabled", true, "numberOfDays", 90));
		update.put("changePasscode", Map.of("enabled", true, "numberOfDays", 7));
		update.put("blockPreviousPasscodes", Map.of("enabled", true, "numberOfPasscodes", 50));
		update.put("failedAttempts", Map.of("enabled", true, "attempts", 5));
		update.put("blockUserNumberEnabled", false);
		update.put("blockReversedUserNumberEnabled", true);
		update.put("blockReversedOldPasscodeEnabled", false);
		update.put("blockNameSpellingEnabled", false);
		update.put("blockWholeSequenceEnabled", false);
		update.put("blockKeypadLinesEnabled", false);
		update.put("blockFewDistinctDigits", Map.of("enabled", true, "min", 4));
		assertThat(api.put(RULES, org.adminToken(), update).status()).isEqualTo(204);
		JsonNode r = api.get(RULES, org.adminToken()).json();
		JsonNode d = r.get("defaultVoicemailPinRules");
		assertThat(d.get("blockRepeatedPatternsEnabled").asBoolean()).isFalse();
		assertThat(d.get("blockRepeatedDigits").get("max").asInt()).isEqualTo(3);
		assertThat(d.get("blockContiguousSequences").get("enabled").asBoolean()).isTrue();
		assertThat(d.get("blockContiguousSequences").get("numberOfAscendingDigits").asInt()).isEqualTo(4);
		assertThat(d.get("blockContiguousSequences").get("numberOfDescendingDigits").asInt()).isEqualTo(2);
		assertThat(d.get("length").get("min").asInt()).isEqualTo(8);
		assertThat(d.get("length").get("max").asInt()).isEqualTo(12);
		assertThat(r.get("expirePasscode").get("numberOfDays").asInt()).isEqualTo(90);
		assertThat(r.get("changePasscode").get("enabled").asBoolean()).isTrue();
		assertThat(r.get("changePasscode").get("numberOfDays").asInt()).isEqualTo(7);
		assertThat(r.get("blockPreviousPasscodes").get("numberOfPasscodes").asInt()).isEqualTo(50);
		assertThat(r.get("blockPreviousPasscodes").get("useSystemDefault").asBoolean()).isFalse();
		assertThat(r.get("failedAttempts").get("attempts").asInt()).isEqualTo(5);
		assertThat(r.get("blockUserNumberEnabled").asBoolean()).isFalse();
		assertThat(r.get("blockReversedUserNumberEnabled").asBoolean()).isTrue();
		assertThat(r.get("blockReversedOldPasscodeEnabled").asBoolean()).isFalse();
		assertThat(r.get("blockNameSpellingEnabled").asBoolean()).isFalse();
		assertThat(r.get("blockWholeSequenceEnabled").asBoolean()).isFalse();
		assertThat(r.get("blockKeypadLinesEnabled").asBoolean()).isFalse();
		assertThat(r.get("blockFewDistinctDigits").get("min").asInt()).isEqualTo(4);

		for (Map<String, Object> bad : List.<Map<String, Object>>of(
				Map.of("defaultVoicemailPinRules", Map.of("length", Map.of("min", 3))),
				Map.of("defaultVoicemailPinRules", Map.of("length", Map.of("min", 10, "max", 9))),
				Map.of("defaultVoicemailPinRules", Map.of("blockRepeatedDigits", Map.of("max", 7))),
				Map.of("expirePasscode", Map.of("numberOfDays", 181)),
				Map.of("changePasscode", Map.of("numberOfDays", 8)),
				Map.of("blockPreviousPasscodes", Map.of("numberOfPasscodes", 51)),
				Map.of("defaultVoicemailPinEnabled", true))) {
			Api.Response response = api.put(RULES, org.adminToken(), bad);
			assertThat(response.status()).as(bad + " → " + response).isEqualTo(400);
		}
		assertThat(api.get(RULES, org.adminToken()).json().get("defaultVoicemailPinRules").get("length").get("min").asInt())
			.isEqualTo(8);
	}

	@Test
	void usersCannotReadOrChangeTheOrganisationRules() {
		TestPerson p = person("Jet", "Kuip", "en");
		assertThat(api.get(RULES, p.token()).status()).isEqualTo(403);
		assertThat(api.put(RULES, p.token(), Map.of("government", true)).status()).isEqualTo(403);
		assertThat(api.get("/v1/telephony/config/people/me/voicemail/rules", p.token()).status()).isEqualTo(200);
	}

	@Test
	void administratorsCannotTouchPeopleOfAnotherOrganisation() {
		var other = fixtures.organisationWithAdmin("Other", false);
		TestPerson p = voicemailUser("Kees", "Dam", "en");
		assertThat(api.put("/v1/telephony/config/people/" + p.id() + "/voicemail/passcode", other.adminToken(),
				Map.of("passcode", "730519")).status()).isEqualTo(404);
		assertThat(api.post("/v1/people/" + p.id() + "/features/voicemail/actions/resetPin/invoke", other.adminToken(), null)
			.status()).isEqualTo(404);
		assertThat(api.get("/v1/people/" + p.id() + "/features/voicemail", other.adminToken()).status()).isEqualTo(404);
		TestPerson q = voicemailUser("Lot", "Dam", "en");
		assertThat(api.put("/v1/telephony/config/people/" + q.id() + "/voicemail/passcode", p.token(),
				Map.of("passcode", "730519")).status()).isEqualTo(404);
	}

	@Test
	void tooManyPinChecksAnswer429WithRetryAfter() {
		TestPerson p = voicemailUser("Max", "Haas", "en");
		Api.Response last = null;
		for (int i = 0; i < 31; i++) {
			last = api.post(VALIDATE, p.token(), Map.of("passcode", "8406" + (10 + i)));
		}
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.codes()).containsExactly("TOO_MANY_REQUESTS");
		assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
	}

	private int failedAttempts(TestPerson p) {
		return jdbc.sql("SELECT failed_attempts FROM pin_credential WHERE person_id = :p")
			.param("p", uuid(p).toString())
			.query(Integer.class)
			.single();
	}

	private List<String> auditTypes(TestPerson p) {
		return jdbc.sql("SELECT type FROM audit_event WHERE subject_person_id = :p ORDER BY occurred_at")
			.param("p", uuid(p).toString())
			.query(String.class)
			.list();
	}
}
