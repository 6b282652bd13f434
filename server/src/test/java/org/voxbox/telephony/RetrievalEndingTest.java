package org.voxbox.telephony;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.voxbox.Api;
import org.voxbox.media.G711;
import org.voxbox.pin.PinFixtures;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxbox.telephony.Conversation.hear;
import static org.voxbox.telephony.Conversation.keys;

/**
 * How a call to the voicemail pilot ends when the caller stops pressing keys, or when Voxbox cannot go on: with
 * words and a BYE from Voxbox, never with silence. Real calls (sipp and the test's own RTP socket, see
 * {@link Conversation}) to a context of its own, whose idle limit is 2 s (the other SIP tests' scripts pause for
 * longer than that).
 */
@Tag("sip")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RetrievalEndingTest {

	private static final String TOKEN = "retrieval-ending-test-admin-token-0123456789";

	private static final int SIP_PORT = SipTestContext.freeSipPort();

	@DynamicPropertySource
	static void sip(DynamicPropertyRegistry registry) throws Exception {
		SipTestContext.register(registry, "retrieval-ending-test", TOKEN, SIP_PORT, 27000);
		registry.add("voxbox.sip.retrieval-idle-seconds", () -> 2);
	}

	/** Ten digits: in no log line by accident. */
	private static final String PIN = "5820374916";

	@LocalServerPort
	int port;

	@Autowired
	Prompts prompts;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCallerWhoPressesNoKeyHearsGoodbyeAndIsHungUpOn() throws Exception {
		byte[] ask = prompt("enter_mailbox");
		byte[] goodbye = prompt("goodbye");
		// Conversation.call returns once sipp has received Voxbox's BYE (and fails when it does not come).
		byte[] heard = Conversation.call(SIP_PORT, "voicemail", hear(ask, "the mailbox prompt"),
				hear(goodbye, "goodbye"));
		assertThat(heard).as("the prompt, then goodbye, and nothing else").isEqualTo(Playback.concat(ask, goodbye));
	}

	@Test
	void aCallerWhosePinMeetsAFullHashingQueueHearsTheSystemIsBusyAndIsHungUpOn(CapturedOutput output)
			throws Exception {
		Api api = new Api(port);
		Api.Response created = api.post("/v1/people", TOKEN, Map.of("emails", List.of("bea@example.com"), "firstName",
				"Bea", "lastName", "Bezet", "extension", "4961"));
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		assertThat(api.put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
		assertThat(api.put("/v1/telephony/config/people/" + id + "/voicemail/passcode", TOKEN, Map.of("passcode", PIN))
			.status()).isEqualTo(204);

		byte[] busy = prompt("system_busy");
		byte[] heard;
		try (org.voxbox.FullPool full = PinFixtures.fullHashingQueue(context)) {
			heard = Conversation.call(SIP_PORT, "voicemail", keys("4961#" + PIN + "#"), hear(busy, "the system is busy"));
		}
		assertThat(Conversation.indexOf(heard, busy, 0) + busy.length).as("the apology is the last thing heard")
			.isEqualTo(heard.length);
		assertThat(output.getAll()).contains("HashingBusy").doesNotContain(PIN);
		UUID person = PublicId.PEOPLE.decode(id).orElseThrow();
		assertThat(jdbc.sql("SELECT failed_attempts FROM pin_credential WHERE person_id = :p")
			.param("p", person.toString()).query(Integer.class).single()).as("a PIN not checked is not a wrong one")
			.isZero();
	}

	private byte[] prompt(String name) {
		return prompts.get(Locale.ENGLISH, name, G711.ALAW);
	}
}
