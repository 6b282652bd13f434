package org.voxbox.telephony;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.voxbox.Api;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.media.Wav;
import org.voxbox.pin.PhonePin;
import org.voxbox.pin.PinVerification;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voxbox against a real softphone — Debian's baresip 1.0.0 ({@link Baresip}) — on 127.0.0.1, once for an
 * English and once for a Dutch owner: the softphone calls the owner's extension, hears the no-answer greeting in
 * the owner's language and speaks (espeak-ng speech from a WAV microphone) until it hangs up, and a message of
 * more than a second is stored; then the softphone calls the voicemail pilot, types the mailbox number and the
 * PIN as RFC 4733 events, each after hearing the prompt asking for it, presses 1 after hearing how many messages
 * there are, and what it receives from then on contains the stored message, sample for sample.
 */
@Tag("sip")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BaresipTest {

	private static final String TOKEN = "baresip-test-admin-token-0123456789";

	/** A PIN the default policy accepts (no repeated groups, no sequences); set as the owner's own. */
	private static final String PIN = "840627";

	private static final int SIP_PORT = SipTestContext.freeSipPort();

	@DynamicPropertySource
	static void sip(DynamicPropertyRegistry registry) throws Exception {
		SipTestContext.register(registry, "baresip-test", TOKEN, SIP_PORT, 28200);
	}

	@LocalServerPort
	int port;

	@Autowired
	VoiceMessages messages;

	@Autowired
	People people;

	@Autowired
	CallerGreeting callerGreeting;

	@Autowired
	Prompts prompts;

	@Autowired
	PhonePin phonePin;

	@Autowired
	PinVerification verification;

	@TempDir
	Path work;

	private Api api;

	@BeforeEach
	void api() {
		api = new Api(port);
	}

	@Test
	void anEnglishOwnerHearsBackTheMessageASoftphoneLeft() throws Exception {
		leaveAndHearBack("Emma", "Engels", "4821", null,
				"Hello Emma, this is a message from a real soft phone. Please call me back tomorrow morning. Thank you.");
	}

	@Test
	void aDutchOwnerHearsBackTheMessageASoftphoneLeft() throws Exception {
		leaveAndHearBack("Daan", "de Boer", "4822", "nl",
				"Hallo Daan, dit is een bericht van een echte softfoon. Bel me morgenochtend even terug. Dank je wel.");
	}

	private void leaveAndHearBack(String first, String last, String extension, String language, String words)
			throws Exception {
		UUID owner = ownerWithPin(first, last, extension, language);
		Person person = people.find(owner).orElseThrow();
		Locale spoken = person.language();
		assertThat(spoken.getLanguage()).isEqualTo(language == null ? "en" : language);
		if (!spoken.getLanguage().equals("en")) {
			// Hearing the owner's prompts below then tells the languages apart.
			for (String name : List.of("extension", "enter_pin", "you_have")) {
				assertThat(prompt(spoken, name)).as(name).isNotEqualTo(prompt(Locale.ENGLISH, name));
			}
		}

		// 1. A caller leaves a message. The microphone is silent through the greeting and the tone, then speaks.
		byte[] greeting = callerGreeting.of(person, false, G711.ULAW);
		long greetingMillis = (greeting.length + prompts.tone(G711.ULAW).length) / 8;
		long leadMillis = greetingMillis + 1000;
		short[] speech = speech(spoken.getLanguage(), words);
		long speechMillis = speech.length / 8;
		assertThat(speechMillis).as("the spoken part (the message must last over a second)").isGreaterThan(3000);
		Path microphone = microphone("deposit-mic.wav", leadMillis, speech);
		String depositLog;
		try (Baresip phone = Baresip.start(Files.createDirectory(work.resolve("deposit")), microphone)) {
			phone.command("dial", "sip:" + extension + "@127.0.0.1:" + SIP_PORT);
			phone.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(15));
			long established = System.nanoTime();
			// The greeting in the owner's language reaches the softphone. Its last frames may still sit in
			// baresip's jitter buffer when Voxbox falls silent, so only the greeting proper is looked for, not the tone.
			int at = awaitHeard(phone, greeting, Duration.ofMillis(greetingMillis + 5000), 0);
			assertThat(at).as("the greeting\n%s", phone.output()).isNotNegative();
			// Hang up two seconds after the speech ends: the recording holds a second of silence, the speech (six
			// seconds or so) and two more seconds, never the ten seconds of silence that would end it on Voxbox's side.
			sleepUntil(established + TimeUnit.MILLISECONDS.toNanos(leadMillis + speechMillis + 2000));
			assertThat(phone.hasSeen("CALL_CLOSED")).as("Voxbox hung up early\n%s", phone.output()).isFalse();
			phone.command("hangup", "");
			phone.awaitEvent("CALL_CLOSED", Duration.ofSeconds(10));
			depositLog = phone.output();
		}
		VoiceMessages.Message message = awaitMessage(owner, depositLog);
		assertThat(message.durationMillis()).as(depositLog).isGreaterThan(1000);
		byte[] stored = payload(owner, message.id());
		assertThat(stored.length / 8).isEqualTo(message.durationMillis());
		// What was stored is what the softphone said. Not bit for bit: baresip's µ-law encoder (libre's table)
		// rounds some negative samples to the neighbouring code where Voxbox's (ITU G.711's ones' complement) does
		// not — about 1 % of samples, one quantisation step apart. So: the speech, decoded, against the stored
		// message, decoded, at the best lag.
		assertThat(similarity(decode(stored), speech)).as("the speech, in the stored message").isGreaterThan(0.99);

		// 2. The owner calls the pilot and listens to it.
		Path silence = microphone("retrieve-mic.wav", 0, new short[0]);
		try (Baresip phone = Baresip.start(Files.createDirectory(work.resolve("retrieve")), silence)) {
			phone.command("dial", "sip:voicemail@127.0.0.1:" + SIP_PORT);
			phone.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(15));
			// The softphone's number ("tester") is nobody's: Voxbox asks for the mailbox number, in English.
			int heard = awaitHeard(phone, prompt(Locale.ENGLISH, "enter_mailbox"), Duration.ofSeconds(15), 0);
			assertThat(heard).as("the mailbox prompt\n%s", phone.output()).isNotNegative();
			phone.command("sndcode", extension + "#");
			// From here on in the owner's language.
			heard = awaitHeard(phone, prompt(spoken, "enter_pin"), Duration.ofSeconds(15), heard);
			assertThat(heard).as("the PIN prompt\n%s", phone.output()).isNotNegative();
			phone.command("sndcode", PIN + "#");
			heard = awaitHeard(phone, prompt(spoken, "you_have"), Duration.ofSeconds(20), heard);
			assertThat(heard).as("the message count after the PIN\n%s", phone.output()).isNotNegative();
			// Only now, with the PIN checked (keys pressed while Voxbox checks it are ignored), 1 to listen.
			int pressed = phone.received().length;
			phone.command("sndcode", "1");
			// Whatever comes first (an envelope, say), the message itself must follow, unchanged.
			Duration patience = Duration.ofMillis(message.durationMillis() + 30_000);
			int played = awaitHeard(phone, stored, patience, pressed);
			assertThat(played).as("the stored message (%d ms), in what the softphone received after pressing 1\n%s",
					message.durationMillis(), phone.output()).isGreaterThanOrEqualTo(pressed);
			phone.command("hangup", "");
			phone.awaitEvent("CALL_CLOSED", Duration.ofSeconds(10));
		}
		assertThat(messages.list(owner)).singleElement().satisfies(m -> assertThat(m.heard()).isTrue());
	}

	/** A person with voicemail on and an accepted PIN of their own (not one they must change first). */
	private UUID ownerWithPin(String first, String last, String extension, String language) {
		Map<String, Object> body = new HashMap<>(Map.of("emails", List.of(first.toLowerCase(Locale.ROOT) + "@example.com"),
				"firstName", first, "lastName", last, "extension", extension));
		if (language != null) {
			body.put("language", language);
		}
		Api.Response created = api.post("/v1/people", TOKEN, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		UUID owner = PublicId.PEOPLE.decode(id).orElseThrow();
		assertThat(api.put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
		// An administrator's PIN must be changed at first use; the owner changes it (as by phone) to one of their own.
		assertThat(api.put("/v1/telephony/config/people/" + id + "/voicemail/passcode", TOKEN, Map.of("passcode", "730519"))
			.status()).isEqualTo(204);
		PhonePin.Result changed = phonePin.change(owner, PIN, PIN);
		assertThat(changed.changed()).as("PIN change refused: %s", changed.violations()).isTrue();
		assertThat(verification.verify(owner, PIN, Channel.PHONE)).isEqualTo(PinVerification.Outcome.ACCEPTED);
		return owner;
	}

	/** {@code words} spoken by espeak-ng in {@code language}, as 8 kHz 16-bit samples (sox resamples). */
	private short[] speech(String language, String words) throws Exception {
		Path raw = work.resolve("espeak-" + language + ".wav");
		Path narrow = work.resolve("speech-" + language + ".wav");
		run("espeak-ng", "-v", language, "-w", raw.toString(), words);
		run("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", narrow.toString());
		return Baresip.pcm16(Files.readAllBytes(narrow));
	}

	/**
	 * A microphone WAV: {@code leadMillis} of silence, {@code speech}, then a minute of silence — baresip hangs up
	 * when its microphone file ends, so the file must outlast the call.
	 */
	private Path microphone(String name, long leadMillis, short[] speech) throws Exception {
		int lead = (int) (leadMillis * 8);
		short[] samples = new short[lead + speech.length + 60 * 8000];
		System.arraycopy(speech, 0, samples, lead, speech.length);
		ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		bytes.asShortBuffer().put(samples);
		Path file = work.resolve(name);
		Files.write(file, Wav.of(Wav.Encoding.PCM_16, bytes.array()).toBytes());
		return file;
	}

	private byte[] prompt(Locale language, String name) {
		byte[] audio = prompts.get(language, name, G711.ULAW);
		// When Voxbox falls silent after a prompt, its last frames wait in baresip's jitter buffer (up to 10
		// frames): look for all but the last 300 ms.
		return Arrays.copyOf(audio, Math.max(audio.length / 2, audio.length - 2400));
	}

	/**
	 * Waits until what {@code phone} received, from sample {@code from} on, holds {@code ulaw}; returns where it
	 * starts, or -1 after {@code timeout}.
	 *
	 * <p>baresip decodes with libre's G.711 table, which gives the two µ-law zeros (0xFF, 0x7F) the levels +2 and −2
	 * and every other code its usual level; Voxbox's encoder maps each of those levels back to the code it came
	 * from. So the samples baresip wrote, re-encoded here, are exactly the bytes Voxbox sent, and an exact search
	 * works.
	 */
	private static int awaitHeard(Baresip phone, byte[] ulaw, Duration timeout, int from) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			short[] received = phone.received();
			if (received.length > from) {
				int at = indexOf(ulaw(Arrays.copyOfRange(received, from, received.length)), ulaw);
				if (at >= 0) {
					return from + at;
				}
			}
			if (System.nanoTime() > deadline) {
				return -1;
			}
			Thread.sleep(250);
		}
	}

	/** Samples as µ-law codes, by Voxbox's encoder. */
	private static byte[] ulaw(short[] pcm) {
		byte[] out = new byte[pcm.length];
		G711.ULAW.encode(pcm, 0, out, 0, pcm.length);
		return out;
	}

	private static short[] decode(byte[] ulaw) {
		short[] pcm = new short[ulaw.length];
		G711.ULAW.decode(ulaw, 0, pcm, 0, ulaw.length);
		return pcm;
	}

	/**
	 * How alike {@code sound} is to the part of {@code within} that resembles it most: the normalised
	 * cross-correlation (1 for the same samples) at the best lag, found with the first second of {@code sound}.
	 */
	static double similarity(short[] within, short[] sound) {
		int window = Math.min(8000, sound.length);
		int bestLag = -1;
		double best = Double.NEGATIVE_INFINITY;
		for (int lag = 0; lag + sound.length <= within.length; lag++) {
			double score = correlation(within, lag, sound, window);
			if (score > best) {
				best = score;
				bestLag = lag;
			}
		}
		return bestLag < 0 ? 0 : correlation(within, bestLag, sound, sound.length);
	}

	private static double correlation(short[] a, int offset, short[] b, int length) {
		double ab = 0;
		double aa = 0;
		double bb = 0;
		for (int i = 0; i < length; i++) {
			double x = a[offset + i];
			double y = b[i];
			ab += x * y;
			aa += x * x;
			bb += y * y;
		}
		return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
	}

	private byte[] payload(UUID owner, UUID message) {
		Wav wav = Wav.parse(messages.audio(owner, message).orElseThrow());
		assertThat(wav.encoding()).as("the softphone offered only PCMU").isEqualTo(Wav.Encoding.MULAW);
		byte[] audio = wav.audioBytes();
		return audio;
	}

	private VoiceMessages.Message awaitMessage(UUID owner, String callLog) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			List<VoiceMessages.Message> now = messages.list(owner);
			if (!now.isEmpty()) {
				assertThat(now).hasSize(1);
				return now.get(0);
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no message was stored\n" + callLog);
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	private void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
		boolean done = process.waitFor(60, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes());
		if (!done) {
			process.destroyForcibly();
		}
		assertThat(done && process.exitValue() == 0).as("%s: %s", List.of(command), output).isTrue();
	}

	static int indexOf(byte[] haystack, byte[] needle) {
		return Conversation.indexOf(haystack, needle, 0);
	}
}
