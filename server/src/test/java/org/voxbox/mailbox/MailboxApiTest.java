package org.voxbox.mailbox;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One mailbox per person, voicemail off until an administrator switches it on. */
class MailboxApiTest extends ApiTest {

	@Autowired
	Greetings greetings;

	@Autowired
	JdbcClient jdbc;

	private long mailboxes(UUID person) {
		return jdbc.sql("SELECT COUNT(*) FROM mailbox WHERE person_id = :p").param("p", person.toString())
			.query(Long.class).single();
	}

	@Test
	void everyNewPersonHasExactlyOneMailboxWithVoicemailOff() {
		TestPerson p = person("Mia", "Boer", "en");
		UUID id = PublicId.PEOPLE.decode(p.id()).orElseThrow();
		assertThat(mailboxes(id)).isEqualTo(1);
		Api.Response settings = api.get("/v1/people/" + p.id() + "/features/voicemail", ADMIN_TOKEN);
		assertThat(settings.status()).isEqualTo(200);
		assertThat(settings.json().get("enabled").asBoolean()).isFalse();
		assertThat(api.get("/v1/telephony/config/people/me/settings/voicemail", p.token()).json().get("enabled").asBoolean())
			.isFalse();
	}

	@Test
	void aSecondMailboxIsRefusedByTheApiAndByTheDatabase() {
		TestPerson p = person("Noa", "Wit", "en");
		UUID id = PublicId.PEOPLE.decode(p.id()).orElseThrow();
		Api.Response second = api.post("/v1/people/" + p.id() + "/features/voicemail", ADMIN_TOKEN, null);
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.codes()).containsExactly("CONFLICT");
		assertThatThrownBy(() -> jdbc.sql("INSERT INTO mailbox (id, person_id, enabled, created_at) VALUES (:id, :p, :e, 0)")
			.param("id", UUID.randomUUID().toString())
			.param("p", id.toString())
			.param("e", false)
			.update()).isInstanceOf(DataIntegrityViolationException.class);
		assertThat(mailboxes(id)).isEqualTo(1);
	}

	@Test
	void onlyAnAdministratorSwitchesVoicemailOnAndOffAndTheAuditShowsIt() {
		TestPerson p = person("Olga", "Roos", "nl");
		Api.Response self = api.put("/v1/telephony/config/people/me/settings/voicemail", p.token(), Map.of("enabled", true));
		assertThat(self.status()).isEqualTo(403);
		assertThat(self.json().get("errors").get(0).get("description").asString()).contains("beheerder");
		assertThat(api.put("/v1/people/" + p.id() + "/features/voicemail", p.token(), Map.of("enabled", true)).status())
			.isEqualTo(403);

		enableVoicemail(p);
		assertThat(api.get("/v1/telephony/config/people/me/settings/voicemail", p.token()).json().get("enabled").asBoolean())
			.isTrue();
		// Sending the value it already has is no change, so a person may do it.
		assertThat(api.put("/v1/telephony/config/people/me/settings/voicemail", p.token(), Map.of("enabled", true)).status())
			.isEqualTo(204);
		assertThat(api.put("/v1/people/" + p.id() + "/features/voicemail", ADMIN_TOKEN, Map.of("enabled", false)).status())
			.isEqualTo(204);
		assertThat(api.get("/v1/people/" + p.id() + "/features/voicemail", ADMIN_TOKEN).json().get("enabled").asBoolean())
			.isFalse();

		List<String> types = new java.util.ArrayList<>();
		api.get("/v1/adminAudit/events?max=1000", ADMIN_TOKEN).json().get("items").forEach(e -> {
			if (p.id().equals(e.get("data").path("targetId").asString(""))) {
				types.add(e.get("data").get("eventType").asString());
				assertThat(e.get("data").get("channel").asString()).isEqualTo("API");
				assertThat(e.get("actorId").asString()).isNotEqualTo(p.id());
			}
		});
		assertThat(types).as("and the administrator's creating the person and issuing their token")
			.containsExactlyInAnyOrder("VOICEMAIL_DISABLED", "VOICEMAIL_ENABLED", "TOKEN_ISSUED", "PERSON_CREATED");
		assertThat(api.get("/v1/adminAudit/events", p.token()).status()).isEqualTo(403);
	}

	@Test
	void busyAndNoAnswerGreetingsSwitchBetweenSystemAndRecordedOnlyWhenOneWasRecorded() {
		TestPerson p = voicemailUser("Greet", "Ing", "en");
		UUID id = org.voxbox.web.PublicId.PEOPLE.decode(p.id()).orElseThrow();
		var settings = api.get("/v1/telephony/config/people/me/settings/voicemail", p.token()).json();
		assertThat(settings.get("sendBusyCalls").get("greeting").asString()).isEqualTo("DEFAULT");
		assertThat(settings.get("sendBusyCalls").get("greetingUploaded").asBoolean()).isFalse();
		assertThat(settings.get("sendUnansweredCalls").get("greeting").asString()).isEqualTo("DEFAULT");

		// No recording yet: CUSTOM is refused with the API's error shape; a made-up value too.
		Api.Response refused = api.put("/v1/telephony/config/people/me/settings/voicemail", p.token(),
				Map.of("sendBusyCalls", Map.of("greeting", "CUSTOM")));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("description").asString()).contains("CUSTOM");
		assertThat(api.put("/v1/people/" + p.id() + "/features/voicemail", ADMIN_TOKEN,
				Map.of("sendUnansweredCalls", Map.of("greeting", "LOUD"))).status()).isEqualTo(400);

		// Recorded (by phone, here straight into storage): callers hear it, and it can be switched off and on.
		greetings.record(id, Greetings.Kind.BUSY, 1000, "audio/x-wav;codec=ulaw",
				org.voxbox.media.Wav.of(org.voxbox.media.Wav.Encoding.MULAW, new byte[8000]).toBytes());
		settings = api.get("/v1/people/" + p.id() + "/features/voicemail", ADMIN_TOKEN).json();
		assertThat(settings.get("sendBusyCalls").get("greeting").asString()).isEqualTo("CUSTOM");
		assertThat(settings.get("sendBusyCalls").get("greetingUploaded").asBoolean()).isTrue();
		assertThat(settings.get("sendUnansweredCalls").get("greetingUploaded").asBoolean()).isFalse();
		assertThat(api.put("/v1/telephony/config/people/me/settings/voicemail", p.token(),
				Map.of("sendBusyCalls", Map.of("greeting", "DEFAULT"))).status()).isEqualTo(204);
		assertThat(greetings.active(id, Greetings.Kind.BUSY)).isEmpty();
		assertThat(api.put("/v1/people/" + p.id() + "/features/voicemail", ADMIN_TOKEN,
				Map.of("sendBusyCalls", Map.of("greeting", "CUSTOM", "greetingUploaded", false))).status()).isEqualTo(204);
		assertThat(greetings.active(id, Greetings.Kind.BUSY)).isPresent();

		// Another person's token cannot read or change it.
		TestPerson other = voicemailUser("Other", "Person", "en");
		assertThat(api.get("/v1/people/" + p.id() + "/features/voicemail", other.token()).status()).isIn(403, 404);
		assertThat(api.put("/v1/people/" + p.id() + "/features/voicemail", other.token(),
				Map.of("sendBusyCalls", Map.of("greeting", "DEFAULT"))).status()).isIn(403, 404);
		assertThat(greetings.active(id, Greetings.Kind.BUSY)).isPresent();
	}

	@Test
	void deletingAPersonDeletesTheirMailbox() {
		TestPerson p = person("Pim", "Vink", "en");
		UUID id = PublicId.PEOPLE.decode(p.id()).orElseThrow();
		assertThat(api.delete("/v1/people/" + p.id(), ADMIN_TOKEN).status()).isEqualTo(204);
		assertThat(mailboxes(id)).isZero();
	}
}
