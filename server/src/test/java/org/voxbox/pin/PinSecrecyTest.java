package org.voxbox.pin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.directory.Channel;
import org.voxbox.directory.DirectoryFixtures;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PIN never appears in a log line, an error, an audit record or the database, even with every logger of
 * ours, Spring MVC, Spring Security and JDBC at TRACE. Ten-digit PINs make an accidental match in unrelated
 * output practically impossible.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(DirectoryFixtures.class)
@TestPropertySource(properties = { "logging.level.org.voxbox=TRACE", "logging.level.org.springframework.web=TRACE",
		"logging.level.org.springframework.security=TRACE", "logging.level.org.springframework.jdbc=TRACE",
		"logging.level.org.apache.catalina=DEBUG" })
class PinSecrecyTest extends ApiTest {

	private static final String RULES = "/v1/telephony/config/voicemail/rules";

	@Autowired
	DirectoryFixtures fixtures;

	@Autowired
	PinVerification verification;

	@Autowired
	JdbcClient jdbc;

	@Test
	void noPinReachesLogsErrorsAuditOrDatabase(CapturedOutput output) {
		var org = fixtures.organisationWithAdmin("Secrets", false);
		List<String> secrets = new ArrayList<>();
		List<String> pins = validPins(10, 7, 10);
		int next = 0;
		assertThat(api.put(RULES, org.adminToken(), Map.of("defaultVoicemailPinRules", Map.of("length", Map.of("min", 10)),
				"defaultVoicemailPinEnabled", true, "defaultVoicemailPin", pins.get(next)))
			.status()).isEqualTo(204);
		secrets.add(pins.get(next++));
		TestPerson p = person(org.adminToken(), "Sam", "Geheim", "en", "USER", null, null);
		UUID id = PublicId.PEOPLE.decode(p.id()).orElseThrow();
		assertThat(api.put("/v1/people/" + p.id() + "/features/voicemail", org.adminToken(), Map.of("enabled", true)).status())
			.isEqualTo(204);

		// Accepted, rejected (mismatch, and the must-change default PIN itself), validated, set by an administrator.
		String own = pins.get(next++);
		secrets.add(own);
		assertThat(setOwnPin(p, own).status()).isEqualTo(204);
		String mismatch = pins.get(next++);
		secrets.add(mismatch);
		Api.Response rejected = api.put("/v1/telephony/config/people/me/voicemail/pin", p.token(),
				Map.of("passcode", own, "confirmPasscode", mismatch));
		assertThat(rejected.status()).isEqualTo(400);
		String validated = pins.get(next++);
		secrets.add(validated);
		Api.Response validation = api.post("/v1/telephony/config/people/me/voicemail/pin/actions/validate/invoke", p.token(),
				Map.of("passcode", validated));
		assertThat(validation.status()).isEqualTo(200);
		String adminSet = pins.get(next++);
		secrets.add(adminSet);
		assertThat(api.put("/v1/telephony/config/people/" + p.id() + "/voicemail/passcode", org.adminToken(),
				Map.of("passcode", adminSet)).status()).isEqualTo(204);
		String wrong = pins.get(next++);
		secrets.add(wrong);
		assertThat(verification.verify(id, wrong, Channel.PHONE)).isEqualTo(PinVerification.Outcome.REJECTED);
		assertThat(verification.verify(id, adminSet, Channel.PHONE)).isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);

		// Malformed and mistyped bodies: the parser's complaint must not quote the PIN either.
		String typed = pins.get(next++);
		secrets.add(typed);
		Api.Response number = api.put("/v1/telephony/config/people/me/voicemail/pin", p.token(),
				"{\"passcode\": " + typed + "}");
		assertThat(number.status()).isEqualTo(400);
		String truncated = pins.get(next++);
		secrets.add(truncated);
		Api.Response broken = api.put("/v1/telephony/config/people/me/voicemail/pin", p.token(),
				"{\"passcode\": \"" + truncated + "\", \"confirmPasscode\": " + truncated + "x}");
		assertThat(broken.status()).isEqualTo(400);
		assertThat(number.text() + broken.text()).doesNotContain(typed).doesNotContain(truncated);

		// A reset without a default PIN generates one, returned once in the response and nowhere else.
		assertThat(api.put(RULES, org.adminToken(), Map.of("defaultVoicemailPinEnabled", false)).status()).isEqualTo(204);
		Api.Response reset = api.post("/v1/people/" + p.id() + "/features/voicemail/actions/resetPin/invoke",
				org.adminToken(), null);
		assertThat(reset.status()).isEqualTo(200);
		String generated = reset.json().get("passcode").asString();
		assertThat(generated).hasSize(10);

		assertThat(output.getAll()).as("captured log output").isNotEmpty().contains("TRACE");
		for (String secret : secrets) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(rejected.text()).doesNotContain(secret);
		}
		assertThat(output.getAll()).doesNotContain(generated);
		String audit = api.get("/v1/adminAudit/events", org.adminToken()).text();
		assertThat(audit).contains("PIN_SET", "PIN_RESET");
		String database = dumpDatabase();
		for (String secret : secrets) {
			assertThat(audit).doesNotContain(secret);
			assertThat(database).doesNotContain(secret);
		}
		assertThat(database).doesNotContain(generated);
	}

	/** Every value of every table this app writes, as text. */
	private String dumpDatabase() {
		StringBuilder all = new StringBuilder();
		for (String table : List.of("organisation", "person", "api_token", "mailbox", "pin_policy", "pin_credential",
				"pin_history", "audit_event")) {
			jdbc.sql("SELECT * FROM " + table).query().listOfRows().forEach(row -> all.append(row).append('\n'));
		}
		return all.toString();
	}
}
