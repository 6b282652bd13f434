package org.voxbox.telephony;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.voxbox.Api;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.media.Wav;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller whose RTP stops without a BYE (a phone that lost its network): with the RTP timeout at its
 * shortest, 5 s, Voxbox hangs up by itself and keeps what was recorded. Its own context, since the short
 * timeout would cut the scripted calls of the other SIP tests, which send RTP only when they type or speak.
 */
@Tag("sip")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RtpTimeoutTest {

	private static final String TOKEN = "rtp-timeout-test-admin-token-0123456789";

	private static final int SIP_PORT = SipTestContext.freeSipPort();

	@DynamicPropertySource
	static void sip(DynamicPropertyRegistry registry) throws Exception {
		SipTestContext.register(registry, "rtp-timeout-test", TOKEN, SIP_PORT, 28600);
		registry.add("voxbox.sip.rtp-timeout-seconds", () -> 5);
	}

	@LocalServerPort
	int port;

	@Autowired
	VoiceMessages messages;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Autowired
	SipEndpoint endpoint;

	@Autowired
	MovableTicker ticker;

	/** The real clock, which the test can move on. */
	static final class MovableTicker implements Ticker {

		private final java.util.concurrent.atomic.AtomicLong offset = new java.util.concurrent.atomic.AtomicLong();

		@Override
		public long nanoTime() {
			return System.nanoTime() + offset.get();
		}

		void advance(java.time.Duration by) {
			offset.addAndGet(by.toNanos());
		}
	}

	@org.springframework.boot.test.context.TestConfiguration
	static class Clocks {

		@org.springframework.context.annotation.Bean
		MovableTicker ticker() {
			return new MovableTicker();
		}
	}

	@Test
	void aCallerWhoseRtpStopsIsHungUpOnAndTheirMessageKept() throws Exception {
		Api api = new Api(port);
		Api.Response created = api.post("/v1/people", TOKEN, Map.of("emails", List.of("gone@example.com"), "firstName",
				"Gone", "lastName", "Away", "extension", "4901"));
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		UUID person = PublicId.PEOPLE.decode(id).orElseThrow();
		assertThat(api.put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
		// Silence while the greeting plays (RTP keeps flowing), then 3 s of speech, then nothing at all.
		byte[] capture = Pcap.rtpPayloads(Path.of("/usr/share/sip-tester/g711a.pcap"), 8);
		byte[] speech = Arrays.copyOfRange(capture, 4800, 4800 + 24_000);
		byte[] quiet = new byte[8000 * 9];
		Arrays.fill(quiet, G711.ALAW.silence());
		Sipp.Run run = Sipp.run(Map.of("speech.pcap", DtmfPcap.audio(Playback.concat(quiet, speech), 8)),
				"deposit-vanish.xml", "4901", "127.0.0.1", SIP_PORT);
		// Only the RTP timeout ends this call: no #, no BYE from the caller, no audio for the silence detector.
		assertThat(run.exitCode()).as("Voxbox sent BYE: " + run.output()).isZero();

		List<VoiceMessages.Message> stored = org.awaitility.Awaitility.await("the message is stored")
			.atMost(java.time.Duration.ofSeconds(20)).until(() -> messages.list(person), list -> !list.isEmpty());
		assertThat(stored).hasSize(1);
		Wav wav = Wav.parse(messages.audio(person, stored.get(0).id()).orElseThrow());
		byte[] audio = wav.audioBytes();
		assertThat(Arrays.copyOfRange(audio, audio.length - speech.length, audio.length))
			.as("what was said before the line went dead, at the end of the message").isEqualTo(speech);
		assertThat(meters.get("voxbox.calls.active").gauge().value()).isZero();
	}

	@Test
	void aCallHeldWithInactiveOutlastsTheTimeoutAndTheTimeoutCountsAgainOnceResumed() throws Exception {
		person("held@example.com", "4902");
		try (RawCall caller = new RawCall(SIP_PORT, "4902")) {
			// This caller never sends RTP. Held with inactive at once, it stays up well past the 5 s timeout.
			caller.call("sendrecv");
			assertThat(caller.reinvite("inactive").bodyText()).contains("a=inactive");
			ticker.advance(java.time.Duration.ofSeconds(30));
			assertThat(endpoint.endOverdueCalls()).as("calls ended while held").isZero();
			assertThat(byeFromVoxbox(caller)).as("no BYE from Voxbox while held").isFalse();
			assertThat(meters.get("voxbox.calls.active").gauge().value()).isEqualTo(1);

			// Resumed, and still silent: the timeout counts from the resumption and Voxbox hangs up.
			assertThat(caller.reinvite("sendrecv").status()).isEqualTo(200);
			ticker.advance(java.time.Duration.ofSeconds(6));
			endpoint.endOverdueCalls();
			assertThat(awaitBye(caller)).as("BYE from Voxbox after the resumed call stayed silent").isNotNull();
		}
	}

	@Test
	void aCallHeldLongerThanTheHoldLimitIsEnded() throws Exception {
		person("parked@example.com", "4903");
		try (RawCall caller = new RawCall(SIP_PORT, "4903")) {
			caller.call("sendrecv");
			assertThat(caller.reinvite("inactive").bodyText()).contains("a=inactive");
			ticker.advance(java.time.Duration.ofSeconds(299));
			assertThat(endpoint.endOverdueCalls()).as("held for less than voxbox.sip.max-hold-seconds").isZero();
			ticker.advance(java.time.Duration.ofSeconds(2));
			endpoint.endOverdueCalls();
			assertThat(awaitBye(caller)).as("BYE from Voxbox after 300 s on hold").isNotNull();
		}
	}

	private void person(String email, String extension) {
		Api api = new Api(port);
		Api.Response created = api.post("/v1/people", TOKEN, Map.of("emails", List.of(email), "firstName",
				"Held", "lastName", "Line", "extension", extension));
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		assertThat(api.put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
	}

	private static boolean byeFromVoxbox(RawCall caller) {
		return caller.sip.received().stream().anyMatch(m -> !m.isResponse() && m.firstLine().startsWith("BYE"));
	}

	private static RawSip.@org.jspecify.annotations.Nullable Message awaitBye(RawCall caller) throws InterruptedException {
		return caller.sip.await(m -> !m.isResponse() && m.firstLine().startsWith("BYE"), java.time.Duration.ofSeconds(20));
	}
}
