package org.voxbox.telephony;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.beans.factory.annotation.Autowired;
import org.voxbox.Api;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.Greetings;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.media.RtpPacket;
import org.voxbox.pin.PinVerification;
import org.voxbox.media.Wav;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxbox.telephony.Conversation.hear;
import static org.voxbox.telephony.Conversation.keys;
import static org.voxbox.telephony.Conversation.speak;

/**
 * The SIP endpoint against a real peer (sipp) on loopback: probes, routing to mailboxes, refusals, the
 * allow-list, and garbage that must not stop it from answering.
 */
@Tag("sip")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SipEndpointTest {

	private static final String TOKEN = "sip-test-admin-token-0123456789";

	private static final int SIP_PORT = SipTestContext.freeSipPort();

	/** How long a wait for what Voxbox stores may take on a loaded machine. */
	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@DynamicPropertySource
	static void sip(DynamicPropertyRegistry registry) throws Exception {
		SipTestContext.register(registry, "sip-test", TOKEN, SIP_PORT, 28000);
		// The transfer test's destination is a Dutch national number, which the transfer policy takes in NL only.
		registry.add("voxbox.directory.phone-region", () -> "NL");
	}

	@LocalServerPort
	int port;

	private Api api;

	@Autowired
	VoiceMessages messages;

	@Autowired
	Prompts prompts;

	@Autowired
	CallerGreeting callerGreeting;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Autowired
	org.voxbox.mailbox.Greetings greetings;

	@Autowired
	People people;

	@Autowired
	PinVerification verification;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private static boolean peopleCreated;

	private static UUID jan;

	@BeforeEach
	void people() {
		api = new Api(port);
		if (!peopleCreated) {
			String on = person("Jan", "Jansen", "4721", "+31201234567");
			jan = PublicId.PEOPLE.decode(on).orElseThrow();
			assertThat(api.put("/v1/people/" + on + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
				.isEqualTo(204);
			person("Piet", "Uit", "4722", null);
			peopleCreated = true;
		}
	}

	private String person(String first, String last, String extension, String phone) {
		var body = new java.util.HashMap<String, Object>(Map.of("emails", List.of(first.toLowerCase() + "@example.com"),
				"firstName", first, "lastName", last, "extension", extension));
		if (phone != null) {
			body.put("phoneNumbers", List.of(Map.of("type", "work", "value", phone)));
		}
		Api.Response r = api.post("/v1/people", TOKEN, body);
		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		return r.json().get("id").asString();
	}

	private static void succeeds(Sipp.Run run) {
		assertThat(run.exitCode()).as(run.output()).isZero();
	}

	@Test
	void answersOptionsProbesWith200() throws Exception {
		succeeds(Sipp.run("options.xml", "voicemail", "127.0.0.1", SIP_PORT));
	}

	@Test
	void answersACallToAMailboxByExtensionAndTheCallerHangsUp() throws Exception {
		succeeds(Sipp.run("deposit.xml", "4721", "127.0.0.1", SIP_PORT));
	}

	@Test
	void depositedMessageHoldsExactlyTheAudioTheCallerSentWithTheirIdentity() throws Exception {
		int before = messages.list(jan).size();
		double urgentBefore = meters.counter("voxbox.messages.deposited", "urgent", "true").count();
		succeeds(Sipp.run("deposit-full.xml", "4721", "127.0.0.1", SIP_PORT));
		VoiceMessages.Message message = awaitNewMessage(before);
		byte[] expected = Pcap.rtpPayloads(Path.of("/usr/share/sip-tester/g711a.pcap"), 8);
		Wav wav = Wav.parse(messages.audio(jan, message.id()).orElseThrow());
		assertThat(wav.encoding()).isEqualTo(Wav.Encoding.ALAW);
		byte[] stored = wav.audioBytes();
		assertThat(stored).as("stored payload, bit for bit").isEqualTo(expected);
		assertThat(message.durationMillis()).isEqualTo(expected.length / 8);
		assertThat(message.urgent()).as("Priority: urgent").isTrue();
		// MessageDeposited reaches its listener after the commit, on the thread that stored the message (just after the
		// row is visible).
		Awaitility.await("MessageDeposited counted").atMost(PATIENCE).pollInterval(Duration.ofMillis(20))
			.until(() -> meters.counter("voxbox.messages.deposited", "urgent", "true").count() != urgentBefore);
		assertThat(meters.counter("voxbox.messages.deposited", "urgent", "true").count()).isEqualTo(urgentBefore + 1);
		assertThat(message.callerNumber()).isEqualTo("0612345678");
		assertThat(message.callerName()).isEqualTo("Caller");
		assertThat(message.callerPrivate()).isFalse();
		assertThat(message.heard()).isFalse();
	}

	@Test
	void twoCallersLeavingMessagesInOneMailboxAtOnceBothKeepTheirOwnAudio() throws Exception {
		String lea = person("Lea", "Twee", "4741", null);
		UUID leaId = PublicId.PEOPLE.decode(lea).orElseThrow();
		assertThat(api.put("/v1/people/" + lea + "/features/voicemail", TOKEN, Map.of("enabled", true)).status()).isEqualTo(204);
		var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> sipp("deposit-full.xml", "4741"));
		var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> sipp("deposit-full.xml", "4741"));
		succeeds(first.get());
		succeeds(second.get());
		awaitMessages(leaId, 2);
		byte[] expected = Pcap.rtpPayloads(Path.of("/usr/share/sip-tester/g711a.pcap"), 8);
		List<VoiceMessages.Message> both = messages.list(leaId);
		assertThat(both).hasSize(2);
		for (VoiceMessages.Message message : both) {
			Wav wav = Wav.parse(messages.audio(leaId, message.id()).orElseThrow());
			byte[] stored = wav.audioBytes();
			assertThat(stored).isEqualTo(expected);
		}
	}

	@Test
	void aCallerAskingForPrivacyLeavesNoNameOrNumber() throws Exception {
		String max = person("Max", "Stil", "4751", null);
		UUID maxId = PublicId.PEOPLE.decode(max).orElseThrow();
		assertThat(api.put("/v1/people/" + max + "/features/voicemail", TOKEN, Map.of("enabled", true)).status()).isEqualTo(204);
		succeeds(Sipp.run("deposit-private.xml", "4751", "127.0.0.1", SIP_PORT));
		VoiceMessages.Message message = awaitMessages(maxId, 1).get(0);
		assertThat(message.callerPrivate()).isTrue();
		assertThat(message.callerNumber()).isNull();
		assertThat(message.callerName()).isNull();
		assertThat(message.urgent()).as("no Priority header").isFalse();
		assertThat(message.durationMillis()).isGreaterThan(1000);
	}

	@Test
	void aDutchOwnersCallersHearTheDutchGreeting() throws Exception {
		var body = new java.util.HashMap<String, Object>(Map.of("emails", List.of("anke@example.com"), "firstName", "Anke",
				"lastName", "de Vries", "extension", "4761", "language", "nl"));
		Api.Response created = api.post("/v1/people", TOKEN, body);
		String anke = created.json().get("id").asString();
		assertThat(api.put("/v1/people/" + anke + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
		Person owner = people.find(PublicId.PEOPLE.decode(anke).orElseThrow()).orElseThrow();
		Heard heard = listen("greeting.xml", "4761");
		byte[] dutch = org.voxbox.telephony.Playback.concat(callerGreeting.of(owner, false, G711.ULAW), prompts.tone(G711.ULAW));
		heard.assertPlayed(dutch, 0);
		assertThat(prompts.get(java.util.Locale.forLanguageTag("nl"), "leave_message", G711.ULAW))
			.isNotEqualTo(prompts.get(java.util.Locale.ENGLISH, "leave_message", G711.ULAW));
	}

	@Test
	void pressing0TransfersTheCallerToTheTransferNumberWithRefer() throws Exception {
		String tom = person("Tom", "Door", "4771", null);
		assertThat(api.put("/v1/people/" + tom + "/features/voicemail", TOKEN,
				Map.of("enabled", true, "transferToNumber", Map.of("enabled", true, "destination", "0201239999"))).status())
			.isEqualTo(204);
		assertThat(api.get("/v1/people/" + tom + "/features/voicemail", TOKEN).json().get("transferToNumber")
			.get("destination").asString()).isEqualTo("0201239999");
		succeeds(Sipp.run(Map.of("keys.pcap", DtmfPcap.keys("0", 101)), "deposit-transfer.xml", "4771", "127.0.0.1",
				SIP_PORT));
		assertThat(messages.list(PublicId.PEOPLE.decode(tom).orElseThrow())).isEmpty();
		Api.Response bad = api.put("/v1/people/" + tom + "/features/voicemail", TOKEN,
				Map.of("transferToNumber", Map.of("destination", "not a number")));
		assertThat(bad.status()).isEqualTo(400);
	}

	@Test
	void aPinThatMustBeChangedIsChangedByPhoneUnderThePolicyAfterARejectedOne() throws Exception {
		String rik = person("Rik", "Wissel", "4781", null);
		UUID rikId = PublicId.PEOPLE.decode(rik).orElseThrow();
		assertThat(api.put("/v1/people/" + rik + "/features/voicemail", TOKEN, Map.of("enabled", true)).status()).isEqualTo(204);
		assertThat(api.put("/v1/telephony/config/people/" + rik + "/voicemail/passcode", TOKEN, Map.of("passcode", "730519"))
			.status()).isEqualTo(204);
		assertThat(verification.verify(rikId, "730519", org.voxbox.directory.Channel.PHONE))
			.isEqualTo(PinVerification.Outcome.ACCEPTED_MUST_CHANGE);
		// Mailbox and the administrator's PIN; then 121212 twice (a repeated group: refused and explained); then a good
		// one, after which the main menu is back and star ends the call.
		Conversation.call(SIP_PORT, "voicemail", keys("4781#730519#"),
				hear(prompt("must_change_phone"), "the PIN must be changed"), menu("new_pin"), keys("121212#"),
				menu("repeat_pin"), keys("121212#"), hear(prompt("pin_not_accepted"), "the PIN refused"),
				hear(prompt("rule_REPEATED_GROUP"), "why: it repeats a group of digits"), menu("new_pin"),
				keys("840627#"), menu("repeat_pin"), keys("840627#"),
				hear(Playback.concat(prompt("pin_changed"), start(prompt("you_have"))), "the PIN changed, and the counts"),
				keys("*"), hear(prompt("goodbye"), "goodbye"));
		assertThat(verification.verify(rikId, "840627", org.voxbox.directory.Channel.PHONE))
			.isEqualTo(PinVerification.Outcome.ACCEPTED);
		assertThat(jdbc.sql("SELECT channel FROM audit_event WHERE subject_person_id = :p AND type = 'PIN_SET' ORDER BY occurred_at")
			.param("p", rikId.toString()).query(String.class).list()).containsExactly("API", "PHONE");
	}

	@Test
	void aMessageEndsAfterTheSilenceLimitWithTheSilenceTrimmedOff() throws Exception {
		String sue = person("Sue", "Stil", "4791", null);
		UUID sueId = PublicId.PEOPLE.decode(sue).orElseThrow();
		assertThat(api.put("/v1/people/" + sue + "/features/voicemail", TOKEN, Map.of("enabled", true)).status()).isEqualTo(204);
		byte[] capture = Pcap.rtpPayloads(Path.of("/usr/share/sip-tester/g711a.pcap"), 8);
		byte[] speech = java.util.Arrays.copyOfRange(capture, 4800, capture.length); // from where the talking starts
		// Longer than the 10 s limit, and not by much: the script must be over soon after Voxbox hangs up.
		byte[] quiet = new byte[8000 * 12];
		java.util.Arrays.fill(quiet, G711.ALAW.silence());
		byte[] said = org.voxbox.telephony.Playback.concat(speech, quiet);
		Person owner = people.find(sueId).orElseThrow();
		byte[] greeting = Playback.concat(callerGreeting.of(owner, false, G711.ALAW), prompts.tone(G711.ALAW));
		// The caller never hangs up (Conversation.call returns once Voxbox has): Voxbox must, 10 s into the silence.
		Conversation.call(SIP_PORT, "4791", Conversation.hearTheTone(greeting, "the greeting and the tone"), speak(said));
		VoiceMessages.Message message = awaitMessages(sueId, 1).get(0);
		Wav wav = Wav.parse(messages.audio(sueId, message.id()).orElseThrow());
		byte[] stored = wav.audioBytes();
		assertThat(stored.length).isBetween(speech.length - 8000, speech.length);
		assertThat(stored).isEqualTo(java.util.Arrays.copyOf(said, stored.length));
	}

	private Sipp.Run sipp(String scenario, String user) {
		try {
			return Sipp.run(scenario, user, "127.0.0.1", SIP_PORT);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void callerHearsTheNoAnswerGreetingInTheOwnersWordsThenTheTonePacedEvery20Ms() throws Exception {
		Heard heard = listen("greeting.xml", "4721");
		Person owner = people.find(jan).orElseThrow();
		byte[] expected = org.voxbox.telephony.Playback.concat(callerGreeting.of(owner, false, G711.ULAW),
				prompts.tone(G711.ULAW));
		heard.assertPlayed(expected, 0);
	}

	@Test
	void diversionWithUserBusyNamesTheMailboxAndPicksTheBusyGreeting() throws Exception {
		Heard heard = listen("greeting-busy.xml", "5555", "-set", "mailbox", "4721");
		Person owner = people.find(jan).orElseThrow();
		byte[] expected = org.voxbox.telephony.Playback.concat(callerGreeting.of(owner, true, G711.ULAW),
				prompts.tone(G711.ULAW));
		heard.assertPlayed(expected, 0);
	}

	/** What the test's RTP socket received while sipp held a call open. */
	record Heard(List<DatagramPacket> packets, List<Long> arrivals) {

		void assertPlayed(byte[] expected, int payloadType) {
			java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
			Integer lastSeq = null;
			Long lastTs = null;
			int lastLength = 0;
			for (DatagramPacket p : packets) {
				RtpPacket rtp = RtpPacket.parse(p.getData(), p.getOffset(), p.getLength()).orElseThrow();
				assertThat(rtp.payloadType()).isEqualTo(payloadType);
				if (lastSeq != null) {
					assertThat(rtp.sequenceNumber()).isEqualTo((lastSeq + 1) & 0xffff);
					assertThat(rtp.timestamp()).isEqualTo((lastTs + lastLength) & 0xffffffffL);
				}
				lastSeq = rtp.sequenceNumber();
				lastTs = rtp.timestamp();
				lastLength = 160;
				byte[] payload = new byte[rtp.payloadLength()];
				rtp.copyPayload(payload, 0);
				audio.writeBytes(payload);
			}
			assertThat(audio.toByteArray()).as("what the caller heard, bit for bit").isEqualTo(expected);
			List<Double> gaps = new java.util.ArrayList<>();
			for (int i = 1; i < arrivals.size(); i++) {
				gaps.add((arrivals.get(i) - arrivals.get(i - 1)) / 1e6);
			}
			java.util.Collections.sort(gaps);
			if (!gaps.isEmpty()) {
				System.out.printf("RTP send interval over %d packets: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", gaps.size(),
						gaps.get(gaps.size() / 2), gaps.get((int) (gaps.size() * 0.99)), gaps.get(gaps.size() - 1));
			}
		}
	}

	private Heard listen(String scenario, String user, String... extra) throws Exception {
		List<DatagramPacket> packets = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
		List<Long> arrivals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			socket.setSoTimeout(200);
			Thread receiver = new Thread(() -> {
				while (!socket.isClosed()) {
					try {
						DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
						socket.receive(p);
						arrivals.add(System.nanoTime());
						packets.add(p);
					}
					catch (java.net.SocketTimeoutException idle) {
						// keep listening
					}
					catch (java.io.IOException closed) {
						return;
					}
				}
			});
			receiver.start();
			String[] args = java.util.stream.Stream.concat(Stream.of("-set", "rtpport", String.valueOf(socket.getLocalPort())),
					Stream.of(extra)).toArray(String[]::new);
			succeeds(Sipp.run(scenario, user, "127.0.0.1", SIP_PORT, args));
			socket.close();
			receiver.join(2000);
		}
		return new Heard(List.copyOf(packets), List.copyOf(arrivals));
	}

	@Test
	void wrongPinsByPhoneLockTheMailboxAcrossCallsUntilAnAdministratorResetsIt() throws Exception {
		String janId = PublicId.PEOPLE.encode(jan);
		String janToken = api.post("/v1/people/" + janId + "/tokens", TOKEN, Map.of("name", "phone test")).json().get("token")
			.asString();
		assertThat(api.put("/v1/telephony/config/people/me/voicemail/pin", janToken,
				Map.of("passcode", "730519", "confirmPasscode", "730519")).status()).isEqualTo(204);
		Map<String, byte[]> wrong = Map.of("keys.pcap", DtmfPcap.keys("4721#000001#", 101));
		for (int call = 1; call <= 3; call++) {
			succeeds(Sipp.run(wrong, "retrieve-hangup.xml", "voicemail", "127.0.0.1", SIP_PORT));
			// The keys went out while the call was up; their PIN check may still be hashing after the hang-up.
			int expected = call;
			Awaitility.await("wrong PIN call " + call + " counted").atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
				.until(() -> failedAttempts() == expected);
		}
		assertThat(locked()).isTrue();
		assertThat(jdbc.sql("SELECT channel FROM audit_event WHERE subject_person_id = :p AND type = 'MAILBOX_LOCKED'")
			.param("p", jan.toString()).query(String.class).list()).containsExactly("PHONE");

		// An unknown mailbox number is treated like a wrong PIN, and touches nobody's count.
		succeeds(Sipp.run(Map.of("keys.pcap", DtmfPcap.keys("9999#730519#", 101)), "retrieve-hangup.xml", "8000",
				"127.0.0.1", SIP_PORT));
		assertThat(failedAttempts()).isEqualTo(3);

		// Locked: even the right PIN is refused; Voxbox says so and hangs up.
		succeeds(Sipp.run(Map.of("keys.pcap", DtmfPcap.keys("4721#730519#", 101)), "retrieve-until-bye.xml", "voicemail",
				"127.0.0.1", SIP_PORT));
		assertThat(locked()).isTrue();

		// An administrator's reset unlocks; the reset PIN opens the mailbox and must be changed.
		String temporary = api.post("/v1/people/" + janId + "/features/voicemail/actions/resetPin/invoke", TOKEN, null).json()
			.get("passcode").asString();
		assertThat(locked()).isFalse();
		succeeds(Sipp.run(Map.of("keys.pcap", DtmfPcap.keys("4721#" + temporary + "#", 101)), "retrieve-hangup.xml",
				"voicemail", "127.0.0.1", SIP_PORT));
		assertThat(failedAttempts()).isZero();
		assertThat(locked()).isFalse();
	}

	@Test
	void theOwnerHearsTheirDepositedMessageBackBitForBitAfterThePin() throws Exception {
		String kim = person("Kim", "Vos", "4731", null);
		UUID kimId = PublicId.PEOPLE.decode(kim).orElseThrow();
		assertThat(api.put("/v1/people/" + kim + "/features/voicemail", TOKEN, Map.of("enabled", true)).status()).isEqualTo(204);
		String token = api.post("/v1/people/" + kim + "/tokens", TOKEN, Map.of("name", "phone")).json().get("token").asString();
		assertThat(api.put("/v1/telephony/config/people/me/voicemail/pin", token,
				Map.of("passcode", "840627", "confirmPasscode", "840627")).status()).isEqualTo(204);
		succeeds(Sipp.run("deposit-full.xml", "4731", "127.0.0.1", SIP_PORT));
		VoiceMessages.Message message = awaitMessages(kimId, 1).get(0);
		Wav wav = Wav.parse(messages.audio(kimId, message.id()).orElseThrow());
		byte[] stored = wav.audioBytes();

		byte[] envelope = prompts.say(java.util.Locale.ENGLISH,
				Spoken.envelope(message, java.time.ZonedDateTime.now(), java.util.Locale.ENGLISH), G711.ALAW);
		// Keys once what they answer is heard: the counts after the PIN, the message menu after the message.
		byte[] heard = Conversation.call(SIP_PORT, "voicemail", keys("4731#840627#"),
				hear(prompts.say(java.util.Locale.ENGLISH, Spoken.counts(1, 0, java.util.Locale.ENGLISH), G711.ALAW),
						"one new message, no saved ones"),
				keys("1"), hear(Playback.concat(envelope, stored), "the envelope and the message"), menu("message_menu"),
				keys("*"), menu("main_menu"), keys("*"));
		assertThat(indexOf(heard, Playback.concat(envelope, stored)))
			.as("the envelope, then the message audio, contiguous and unchanged, in what was played").isNotNegative();
		assertThat(messages.list(kimId).get(0).heard()).as("played to its end: heard").isTrue();
	}

	/** A person with voicemail on and the PIN 840627, set by themselves; returns their public id. */
	private String owner(String first, String extension) {
		String id = person(first, "Test", extension, null);
		assertThat(api.put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status()).isEqualTo(204);
		String token = api.post("/v1/people/" + id + "/tokens", TOKEN, Map.of("name", "phone")).json().get("token").asString();
		assertThat(api.put("/v1/telephony/config/people/me/voicemail/pin", token,
				Map.of("passcode", "840627", "confirmPasscode", "840627")).status()).isEqualTo(204);
		return id;
	}

	/** Three seconds of A-law speech from sipp's sample capture. */
	private static byte[] speech() throws Exception {
		return java.util.Arrays.copyOf(Pcap.rtpPayloads(Path.of("/usr/share/sip-tester/g711a.pcap"), 8), 24_000);
	}

	private static byte[] toUlaw(byte[] alaw) {
		short[] pcm = new short[alaw.length];
		G711.ALAW.decode(alaw, 0, pcm, 0, alaw.length);
		byte[] ulaw = new byte[alaw.length];
		G711.ULAW.encode(pcm, 0, ulaw, 0, pcm.length);
		return ulaw;
	}

	/** The English prompt {@code name} as the calls here hear it: A-law, which {@link Conversation} offers first. */
	private byte[] prompt(String name) {
		return prompts.get(java.util.Locale.ENGLISH, name, G711.ALAW);
	}

	/** The first half second of a prompt: enough to know it is playing (and takes keys, which may cut it short). */
	private static byte[] start(byte[] prompt) {
		return java.util.Arrays.copyOf(prompt, Math.min(prompt.length, 4000));
	}

	/** A menu, or another prompt that asks for keys, has begun. */
	private Conversation.Step menu(String name) {
		return hear(start(prompt(name)), "the " + name + " prompt begin");
	}

	/** The PIN was accepted: the counts ("you have …") begin, and the main menu takes keys. */
	private Conversation.Step pinAccepted() {
		return hear(start(prompt("you_have")), "the counts after the PIN");
	}

	/** "Record after the tone, then press hash" and the tone: what the caller says next is recorded. */
	private Conversation.Step recordAfterTheTone() {
		return Conversation.hearTheTone(Playback.concat(prompt("record_after_tone"), prompts.tone(G711.ALAW)),
				"record after the tone, and the tone");
	}

	/** Fills the person's mailbox up to {@code leftMillis} of its 100 minutes with one (short) stored message. */
	private void fill(UUID person, int leftMillis) {
		messages.deposit(person, org.voxbox.mailbox.CallerId.hidden(), VoiceMessages.MAILBOX_LIMIT_MILLIS - leftMillis, false,
				"audio/x-wav;codec=alaw", Wav.of(Wav.Encoding.ALAW, new byte[8000]).toBytes());
	}

	@Test
	void aFullMailboxSaysSoAndRecordsNothing() throws Exception {
		String vol = person("Vol", "Box", "4831", null);
		UUID volId = PublicId.PEOPLE.decode(vol).orElseThrow();
		assertThat(api.put("/v1/people/" + vol + "/features/voicemail", TOKEN, Map.of("enabled", true)).status()).isEqualTo(204);
		fill(volId, 500);
		// The caller says something anyway; Voxbox plays "this mailbox is full" and hangs up.
		byte[] heard = Conversation.call(SIP_PORT, "4831", speak(speech()));
		byte[] full = prompts.get(java.util.Locale.ENGLISH, "mailbox_full", G711.ALAW);
		assertThat(indexOf(heard, full)).as("the mailbox-full prompt").isZero();
		assertThat(heard.length).as("and nothing else, not the tone").isEqualTo(full.length);
		assertThat(messages.list(volId)).hasSize(1);
	}

	@Test
	void aMessageStopsAtWhatIsLeftOfTheMailboxAndKeepsExactlyThatMuch() throws Exception {
		String bijna = person("Bijna", "Vol", "4832", null);
		UUID bijnaId = PublicId.PEOPLE.decode(bijna).orElseThrow();
		assertThat(api.put("/v1/people/" + bijna + "/features/voicemail", TOKEN, Map.of("enabled", true)).status()).isEqualTo(204);
		fill(bijnaId, 3000);
		Person owner = people.find(bijnaId).orElseThrow();
		byte[] greeting = Playback.concat(callerGreeting.of(owner, false, G711.ALAW), prompts.tone(G711.ALAW));
		byte[] said = Playback.concat(speech(), speech());
		// Six seconds of speech into three seconds of room: Voxbox ends the message, and the call, at three.
		Conversation.call(SIP_PORT, "4832", Conversation.hearTheTone(greeting, "the greeting and the tone"), speak(said));
		VoiceMessages.Message message = awaitMessages(bijnaId, 2).get(0);
		Wav wav = Wav.parse(messages.audio(bijnaId, message.id()).orElseThrow());
		byte[] stored = wav.audioBytes();
		assertThat(stored).isEqualTo(java.util.Arrays.copyOf(said, 24_000));
		assertThat(message.durationMillis()).isEqualTo(3000);
		assertThat(messages.remainingMillis(bijnaId)).isZero();
	}

	@Test
	void aBusyGreetingRecordedByPhoneIsWhatBusyCallersHearUntilTheOwnerGoesBackToTheSystemGreeting() throws Exception {
		String ida = owner("Ida", "4811");
		UUID idaId = PublicId.PEOPLE.decode(ida).orElseThrow();
		byte[] speech = speech();
		// Main menu 2 (busy greeting), 1 (record), speak, # (done), 1 (keep), then star twice to leave.
		Conversation.call(SIP_PORT, "voicemail", keys("4811#840627#"), pinAccepted(), keys("2"),
				menu("busy_greeting_menu"), keys("1"), recordAfterTheTone(), speak(speech), keys("#"), menu("review"),
				keys("1"), hear(prompt("greeting_saved"), "greeting saved"), menu("busy_greeting_menu"), keys("*"),
				menu("main_menu"), keys("*"));
		Wav stored = Wav.parse(greetings.recorded(idaId, Greetings.Kind.BUSY).orElseThrow());
		byte[] audio = stored.audioBytes();
		assertThat(stored.encoding()).isEqualTo(Wav.Encoding.ALAW);
		assertThat(audio).as("the greeting is exactly what the owner said").isEqualTo(speech);
		assertThat(greetings.usesCustom(idaId, Greetings.Kind.BUSY)).isTrue();
		assertThat(greetings.usesCustom(idaId, Greetings.Kind.NO_ANSWER)).isFalse();

		// A busy caller (PCMU) hears it, transcoded, then the tone.
		listen("greeting-busy.xml", "5555", "-set", "mailbox", "4811")
			.assertPlayed(Playback.concat(toUlaw(speech), prompts.tone(G711.ULAW)), 0);

		// Main menu 2, then 3: back to the system greeting; the recording is kept.
		Conversation.call(SIP_PORT, "voicemail", keys("4811#840627#"), pinAccepted(), keys("2"),
				menu("busy_greeting_menu"), keys("3"), hear(prompt("system_greeting_on"), "the system greeting on"),
				menu("busy_greeting_menu"), keys("*"), menu("main_menu"), keys("*"));
		assertThat(greetings.usesCustom(idaId, Greetings.Kind.BUSY)).isFalse();
		assertThat(greetings.recorded(idaId, Greetings.Kind.BUSY)).isPresent();
		Person owner = people.find(idaId).orElseThrow();
		listen("greeting-busy.xml", "5555", "-set", "mailbox", "4811")
			.assertPlayed(Playback.concat(callerGreeting.system(owner, true, G711.ULAW), prompts.tone(G711.ULAW)), 0);
	}

	@Test
	void aNameRecordedByPhoneReplacesTheExtensionInTheSystemGreetingAfterAReRecording() throws Exception {
		String eva = owner("Eva", "4812");
		UUID evaId = PublicId.PEOPLE.decode(eva).orElseThrow();
		byte[] first = java.util.Arrays.copyOfRange(speech(), 0, 12_000);
		byte[] second = java.util.Arrays.copyOfRange(speech(), 12_000, 24_000);
		// Main menu 5 (name), 1 (record), speak, #, then 3 (record again), speak, #, 1 (keep).
		Conversation.call(SIP_PORT, "voicemail", keys("4812#840627#"), pinAccepted(), keys("5"), menu("name_menu"),
				keys("1"), recordAfterTheTone(), speak(first), keys("#"), menu("review"), keys("3"), recordAfterTheTone(),
				speak(second), keys("#"), menu("review"), keys("1"), hear(prompt("name_saved"), "name saved"),
				menu("name_menu"), keys("*"), menu("main_menu"), keys("*"));
		Wav stored = Wav.parse(greetings.recorded(evaId, Greetings.Kind.NAME).orElseThrow());
		byte[] audio = stored.audioBytes();
		assertThat(audio).as("the second recording, kept after review").isEqualTo(second);
		listen("greeting.xml", "4812").assertPlayed(Playback.concat(toUlaw(second),
				prompts.get(java.util.Locale.ENGLISH, "not_available", G711.ULAW),
				prompts.get(java.util.Locale.ENGLISH, "leave_message", G711.ULAW), prompts.tone(G711.ULAW)), 0);
	}

	@Test
	void theOwnerChangesTheirPinFromTheMainMenuAndHangsUpWithStar() throws Exception {
		String ole = owner("Ole", "4813");
		UUID oleId = PublicId.PEOPLE.decode(ole).orElseThrow();
		// After the change the menu is back, so star ends the call.
		Conversation.call(SIP_PORT, "voicemail", keys("4813#840627#"), pinAccepted(), keys("8"), menu("new_pin"),
				keys("306184#"), menu("repeat_pin"), keys("306184#"),
				hear(Playback.concat(prompt("pin_changed"), start(prompt("you_have"))), "the PIN changed, and the counts"),
				keys("*"), hear(prompt("goodbye"), "goodbye"));
		assertThat(verification.verify(oleId, "306184", org.voxbox.directory.Channel.PHONE))
			.isEqualTo(PinVerification.Outcome.ACCEPTED);
		assertThat(verification.verify(oleId, "840627", org.voxbox.directory.Channel.PHONE))
			.isEqualTo(PinVerification.Outcome.REJECTED);
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		return Conversation.indexOf(haystack, needle, 0);
	}

	private int failedAttempts() {
		return jdbc.sql("SELECT failed_attempts FROM pin_credential WHERE person_id = :p").param("p", jan.toString())
			.query(Integer.class).single();
	}

	private boolean locked() {
		return jdbc.sql("SELECT locked FROM pin_credential WHERE person_id = :p").param("p", jan.toString())
			.query(Boolean.class).single();
	}

	private VoiceMessages.Message awaitNewMessage(int before) {
		return Awaitility.await("a new message stored for Jan").atMost(PATIENCE)
			.until(() -> messages.list(jan), now -> now.size() > before).get(0);
	}

	/**
	 * Waits until {@code person} has at least {@code count} messages (a message is stored as its call ends, off the
	 * call's thread); returns them, the newest first.
	 */
	private List<VoiceMessages.Message> awaitMessages(UUID person, int count) {
		return Awaitility.await(count + " message(s) stored").atMost(PATIENCE)
			.until(() -> messages.list(person), list -> list.size() >= count);
	}

	@Test
	void routesByPhoneNumberInInternationalDigits() throws Exception {
		succeeds(Sipp.run("deposit.xml", "31201234567", "127.0.0.1", SIP_PORT));
	}

	@Test
	void unknownNumberIs404() throws Exception {
		succeeds(Sipp.run("call-404.xml", "9999", "127.0.0.1", SIP_PORT));
	}

	@Test
	void mailboxWithVoicemailOffIs480() throws Exception {
		succeeds(Sipp.run("call-480.xml", "4722", "127.0.0.1", SIP_PORT));
	}

	@Test
	void offerWithoutG711Is488() throws Exception {
		succeeds(Sipp.run("call-488.xml", "4721", "127.0.0.1", SIP_PORT));
	}

	@Test
	void unsupportedMethodIs405() throws Exception {
		succeeds(Sipp.run("call-405.xml", "4721", "127.0.0.1", SIP_PORT));
	}

	@Test
	void peerOutsideTheAllowListIs403() throws Exception {
		succeeds(Sipp.run("call-403.xml", "4721", "127.0.0.2", SIP_PORT));
	}

	@Test
	void randomUdpGarbageLeavesTheEndpointAnswering() throws Exception {
		SplittableRandom random = new SplittableRandom(4733);
		try (DatagramSocket socket = new DatagramSocket()) {
			InetAddress server = InetAddress.getByName("127.0.0.1");
			for (int i = 0; i < 2000; i++) {
				byte[] junk = new byte[1 + random.nextInt(1400)];
				random.nextBytes(junk);
				if (i % 3 == 0) {
					// Half-plausible SIP: a real first line, then noise.
					byte[] start = "INVITE sip:4721@127.0.0.1 SIP/2.0\r\nVia: ".getBytes(StandardCharsets.US_ASCII);
					System.arraycopy(start, 0, junk, 0, Math.min(start.length, junk.length));
				}
				socket.send(new DatagramPacket(junk, junk.length, server, SIP_PORT));
			}
		}
		succeeds(Sipp.run("options.xml", "voicemail", "127.0.0.1", SIP_PORT));
		succeeds(Sipp.run("deposit.xml", "4721", "127.0.0.1", SIP_PORT));
	}
}
