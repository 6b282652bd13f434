package org.voxbox.telephony;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.voxbox.Api;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.CallerId;
import org.voxbox.mailbox.Greetings;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.media.RtpPacket;
import org.voxbox.pin.PhonePin;
import org.voxbox.pin.PinVerification;
import org.voxbox.storage.DataDirectory;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of the phone menus ({@code docs/phone-menu.md}), each on a retrieval flow of the test's own over the
 * real mailbox, PIN and greeting stores: the test plays what the flow plays frame by frame, as the pacer would,
 * feeds a recording the caller's RTP and moves time by hand; what the caller hears is compared bit for bit with
 * the prompts, envelopes and recordings it should be made of, and what was kept with the database.
 */
@Tag("sip")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RetrievalMenusTest {

	private static final String TOKEN = "retrieval-menus-test-admin-token-0123456789";

	private static final int SIP_PORT = SipTestContext.freeSipPort();

	@DynamicPropertySource
	static void sip(DynamicPropertyRegistry registry) throws Exception {
		SipTestContext.register(registry, "retrieval-menus-test", TOKEN, SIP_PORT, 27400);
	}

	private static final String PIN = "840627";

	private static final Duration LIMIT = Duration.ofSeconds(60);

	/** The time of the flow's clock: what the envelopes say "today" against. */
	private static final Instant NOW = Instant.parse("2026-03-04T10:15:00Z");

	private static final InetSocketAddress CALLER = new InetSocketAddress("127.0.0.1", 40000);

	@LocalServerPort
	int port;

	@Autowired
	Prompts prompts;

	@Autowired
	CallRouting routing;

	@Autowired
	PinVerification verification;

	@Autowired
	VoiceMessages store;

	@Autowired
	PlaySpool playSpool;

	@Autowired
	DataDirectory data;

	@Autowired
	PhonePin phonePin;

	@Autowired
	Greetings greetings;

	@Autowired
	CallerGreeting callerGreeting;

	@Autowired
	People people;

	@Autowired
	JdbcClient jdbc;

	private final RetrievalTest.ManualTimers timers = new RetrievalTest.ManualTimers();

	private final AtomicBoolean hungUp = new AtomicBoolean();

	private DatagramChannel channel;

	private Playback voice;

	private DigitReceiver keys;

	private Retrieval call;

	private int sequence;

	@BeforeEach
	void call() throws Exception {
		channel = DatagramChannel.open();
		dial();
	}

	@AfterEach
	void close() throws Exception {
		channel.close();
	}

	@Test
	void theMailboxNumberAndThePinOpenTheMainMenuWhichRepeatsOnHashAndSaysGoodbyeOnStar() {
		owner("Bo", "4901", null);
		call.start(null);
		assertThat(heard()).isEqualTo(en("enter_mailbox"));
		press("4901#");
		assertThat(heard()).isEqualTo(en("enter_pin"));
		press("111111#");
		assertThat(heard()).as("a wrong PIN, then asked again").isEqualTo(cat(en("wrong_pin"), en("enter_pin")));
		press(PIN + "#");
		assertThat(heard()).isEqualTo(cat(counts(0, 0, Locale.ENGLISH), en("main_menu")));
		press("0");
		assertThat(heard()).as("not a main menu key").isEmpty();
		press("#");
		assertThat(heard()).isEqualTo(cat(counts(0, 0, Locale.ENGLISH), en("main_menu")));
		press("*");
		assertThat(heard()).isEqualTo(en("goodbye"));
		assertThat(hungUp).isTrue();
		press("1");
		timers.advance(LIMIT.multipliedBy(2));
		assertThat(heard()).as("nothing after goodbye").isEmpty();
	}

	@Test
	void aDutchOwnerHearsDutchOnceTheMailboxIsKnownAndTheirOwnNumberSkipsTheMailboxButNotThePin() {
		UUID an = owner("An", "4902", "nl");
		call.start(null);
		assertThat(heard()).as("before the mailbox is known, English").isEqualTo(en("enter_mailbox"));
		press("4902#");
		assertThat(heard()).isEqualTo(nl("enter_pin"));
		press(PIN + "#");
		assertThat(heard()).isEqualTo(cat(counts(0, 0, Locale.forLanguageTag("nl")), nl("main_menu")));

		dial();
		call.start(people.find(an).orElseThrow());
		assertThat(heard()).isEqualTo(nl("enter_pin"));
		press(PIN + "#");
		assertThat(heard()).isEqualTo(cat(counts(0, 0, Locale.forLanguageTag("nl")), nl("main_menu")));
	}

	@Test
	void anUnknownMailboxSoundsLikeAWrongPinAndThreeWrongPinsEndTheCall() {
		call.start(null);
		heard();
		press("4999#");
		assertThat(heard()).isEqualTo(en("enter_pin"));
		press(PIN + "#");
		assertThat(heard()).isEqualTo(cat(en("wrong_pin"), en("enter_pin")));
		press("12*34#");
		assertThat(heard()).isEqualTo(cat(en("wrong_pin"), en("enter_pin")));
		press(PIN + "#");
		assertThat(heard()).isEqualTo(cat(en("wrong_pin"), en("goodbye")));
		assertThat(hungUp).isTrue();
	}

	@Test
	void theWrongPinThatLocksTheMailboxIsToldSo() {
		owner("Cor", "4904", null);
		call.start(null);
		heard();
		press("4904#");
		heard();
		press("111111#");
		assertThat(heard()).isEqualTo(cat(en("wrong_pin"), en("enter_pin")));
		press("222222#");
		assertThat(heard()).isEqualTo(cat(en("wrong_pin"), en("enter_pin")));
		press("333333#");
		assertThat(heard()).isEqualTo(en("locked"));
		assertThat(hungUp).isTrue();
	}

	@Test
	void aPinThatMustBeChangedIsChangedFirstUnderThePolicyAndStarDoesNotSkipIt() {
		UUID rik = person("Rik", "4905", null);
		assertThat(api().put("/v1/telephony/config/people/" + PublicId.PEOPLE.encode(rik) + "/voicemail/passcode", TOKEN,
				Map.of("passcode", "730519")).status()).isEqualTo(204);
		call.start(null);
		heard();
		press("4905#");
		assertThat(heard()).isEqualTo(en("enter_pin"));
		press("730519#");
		assertThat(heard()).isEqualTo(cat(en("must_change_phone"), en("new_pin")));
		press("*");
		assertThat(heard()).as("a forced change cannot be cancelled").isEmpty();
		press("306184#");
		assertThat(heard()).isEqualTo(en("repeat_pin"));
		press("306185#");
		assertThat(heard()).as("the rule it broke, then asked again")
			.isEqualTo(cat(en("pin_not_accepted"), en("rule_CONFIRMATION_MISMATCH"), en("new_pin")));
		press("306184#");
		assertThat(heard()).isEqualTo(en("repeat_pin"));
		press("306184#");
		assertThat(heard()).isEqualTo(cat(en("pin_changed"), counts(0, 0, Locale.ENGLISH), en("main_menu")));
		assertThat(verification.verify(rik, "306184", Channel.PHONE)).isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void theOwnerChangesTheirPinWithEightAndStarCancelsAtEitherEntry() {
		UUID ole = owner("Ole", "4906", null);
		login("4906");
		press("8");
		assertThat(heard()).isEqualTo(en("new_pin"));
		press("30*");
		assertThat(heard()).isEqualTo(cat(en("cancelled"), en("main_menu")));
		press("8");
		assertThat(heard()).isEqualTo(en("new_pin"));
		press("306184#");
		assertThat(heard()).isEqualTo(en("repeat_pin"));
		press("3061*");
		assertThat(heard()).isEqualTo(cat(en("cancelled"), en("main_menu")));
		assertThat(verification.verify(ole, PIN, Channel.PHONE)).isEqualTo(PinVerification.Outcome.ACCEPTED);
		press("8306184#306184#");
		assertThat(heard()).as("each prompt cut short by the next key")
			.isEqualTo(cat(en("pin_changed"), counts(0, 0, Locale.ENGLISH), en("main_menu")));
		assertThat(verification.verify(ole, "306184", Channel.PHONE)).isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void messagesPlayNewUrgentFirstThenOldestFirstWithEveryMessageKey() {
		UUID eef = owner("Eef", "4907", null);
		byte[] normal = audio(1);
		byte[] urgent = audio(2);
		byte[] later = audio(3);
		byte[] saved = audio(4);
		UUID n = message(eef, normal, false, "2026-03-04T08:00:00Z");
		UUID u = message(eef, urgent, true, "2026-03-04T09:00:00Z");
		UUID l = message(eef, later, false, "2026-03-04T08:30:00Z");
		UUID s = message(eef, saved, false, "2026-03-03T07:00:00Z");
		store.markHeard(eef, s);
		login("4907", counts(3, 1, Locale.ENGLISH));

		press("1");
		assertThat(heard()).as("the urgent one first").isEqualTo(cat(envelope(eef, u), urgent));
		assertThat(heard()).as("played to its end").isEqualTo(en("message_menu"));
		assertThat(isHeard(eef, u)).isTrue();
		press("5");
		assertThat(heard()).isEqualTo(cat(envelope(eef, u), en("message_menu")));
		press("2");
		assertThat(heard()).as("replayed without its envelope").isEqualTo(urgent);
		assertThat(heard()).isEqualTo(en("message_menu"));
		press("4");
		assertThat(heard()).isEqualTo(cat(en("no_previous"), en("message_menu")));

		press("#");
		byte[] start = play(envelope(eef, n).length + 80);
		press("4");
		assertThat(start).isEqualTo(Arrays.copyOf(cat(envelope(eef, n), normal), start.length));
		assertThat(isHeard(eef, n)).as("skipped before its end").isFalse();
		assertThat(heard()).isEqualTo(cat(envelope(eef, u), urgent));
		assertThat(heard()).isEqualTo(en("message_menu"));
		press("6");
		assertThat(heard()).isEqualTo(cat(envelope(eef, n), normal));
		assertThat(heard()).isEqualTo(en("message_menu"));
		assertThat(isHeard(eef, n)).isTrue();

		press("#");
		play(100);
		press("9");
		assertThat(isHeard(eef, l)).as("saved").isTrue();
		assertThat(heard()).isEqualTo(cat(en("saved"), envelope(eef, s), saved));
		assertThat(heard()).isEqualTo(en("message_menu"));
		press("7");
		assertThat(heard()).as("after the last").isEqualTo(cat(en("deleted"), en("no_more"), en("main_menu")));
		assertThat(store.list(eef)).extracting(VoiceMessages.Message::id).containsExactlyInAnyOrder(n, u, l);

		press("1");
		assertThat(heard()).as("all saved now: oldest first").isEqualTo(cat(envelope(eef, n), normal));
		store.delete(eef, l);
		press("#");
		assertThat(heard()).as("the one deleted meanwhile is passed over").isEqualTo(cat(envelope(eef, u), urgent));
		press("*");
		assertThat(heard()).isEqualTo(en("main_menu"));
		press("1");
		heard();
		heard();
		press("0");
		assertThat(heard()).as("not a message key").isEmpty();
		press("##");
		assertThat(heard()).isEqualTo(cat(en("no_more"), en("main_menu")));
	}

	@Test
	void aMessageOfSeveralPartsIsPlayedWholeAndInOrderInTheCallsLawFromACopyWithoutAName() throws Exception {
		UUID gus = owner("Gus", "4910", null);
		// Stored in µ-law, as from a µ-law call; this call speaks A-law.
		byte[] audio = new byte[PlaySpool.PART_BYTES * 2 + 12_345];
		new Random(4910).nextBytes(audio);
		UUID id = store.deposit(gus, new CallerId(null, "0612345678", false), audio.length / 8, false,
				CallAudio.format(G711.ULAW), CallAudio.wav(G711.ULAW, audio));
		byte[] inAlaw = new byte[audio.length];
		for (int i = 0; i < audio.length; i++) {
			inAlaw[i] = G711.ALAW.encode(G711.ULAW.decode(audio[i]));
		}
		login("4910", counts(1, 0, Locale.ENGLISH));

		press("1");
		byte[] start = play(envelope(gus, id).length + 8000);
		try (Stream<Path> copies = Files.list(data.root().resolve("playback"))) {
			assertThat(copies).as("the copy playing, in the playback spool").isEmpty();
		}
		assertThat(cat(start, heard())).isEqualTo(cat(envelope(gus, id), inAlaw));
		assertThat(heard()).as("played to its end").isEqualTo(en("message_menu"));
		assertThat(isHeard(gus, id)).isTrue();
		press("2");
		assertThat(heard()).as("replayed").isEqualTo(inAlaw);
	}

	@Test
	void theBusyGreetingIsRecordedReviewedKeptHeardAndSwitchedBackToTheSystemGreeting() throws Exception {
		UUID ida = owner("Ida", "4908", null);
		Person owner = people.find(ida).orElseThrow();
		byte[] first = Arrays.copyOf(speech(), 8_000);
		byte[] second = Arrays.copyOfRange(speech(), 8_000, 20_000);
		login("4908");
		press("2");
		assertThat(heard()).isEqualTo(en("busy_greeting_menu"));
		press("2");
		assertThat(heard()).as("what busy callers hear now")
			.isEqualTo(cat(callerGreeting.system(owner, true, G711.ALAW), en("busy_greeting_menu")));

		press("1");
		assertThat(heard()).isEqualTo(cat(en("record_after_tone"), prompts.tone(G711.ALAW)));
		timers.advance(LIMIT.multipliedBy(2));
		assertThat(hungUp).as("no idle limit while recording").isFalse();
		press("#");
		assertThat(heard()).isEqualTo(cat(en("nothing_recorded"), en("busy_greeting_menu")));

		press("1");
		heard();
		speak(first);
		press("#");
		assertThat(heard()).isEqualTo(en("review"));
		press("2");
		assertThat(heard()).isEqualTo(cat(first, en("review")));
		press("0");
		assertThat(heard()).as("not a review key").isEmpty();
		press("*");
		assertThat(heard()).isEqualTo(cat(en("cancelled"), en("busy_greeting_menu")));
		assertThat(greetings.recorded(ida, Greetings.Kind.BUSY)).isEmpty();

		press("1");
		heard();
		speak(first);
		press("#");
		heard();
		press("3");
		assertThat(heard()).as("record it again").isEqualTo(cat(en("record_after_tone"), prompts.tone(G711.ALAW)));
		speak(second);
		press("#");
		assertThat(heard()).isEqualTo(en("review"));
		press("1");
		assertThat(heard()).isEqualTo(cat(en("greeting_saved"), en("busy_greeting_menu")));
		assertThat(CallAudio.inLaw(greetings.recorded(ida, Greetings.Kind.BUSY).orElseThrow(), G711.ALAW))
			.isEqualTo(second);
		assertThat(greetings.usesCustom(ida, Greetings.Kind.BUSY)).isTrue();
		press("2");
		assertThat(heard()).isEqualTo(cat(second, en("busy_greeting_menu")));

		press("3");
		assertThat(heard()).isEqualTo(cat(en("system_greeting_on"), en("busy_greeting_menu")));
		assertThat(greetings.usesCustom(ida, Greetings.Kind.BUSY)).isFalse();
		assertThat(greetings.recorded(ida, Greetings.Kind.BUSY)).as("the recording is kept").isPresent();
		press("0");
		assertThat(heard()).as("not a greeting menu key").isEmpty();
		press("*");
		assertThat(heard()).isEqualTo(en("main_menu"));
		press("3");
		assertThat(heard()).isEqualTo(en("no_answer_greeting_menu"));
		press("2");
		assertThat(heard()).isEqualTo(cat(callerGreeting.system(owner, false, G711.ALAW), en("no_answer_greeting_menu")));
		press("*");
		assertThat(heard()).isEqualTo(en("main_menu"));
	}

	@Test
	void theNameEndsAtItsLimitOrAfterSilenceAndIsKeptHeardAndDeleted() throws Exception {
		UUID max = owner("Max", "4909", null);
		byte[] speech = speech();
		byte[] twelveSeconds = cat(speech, speech, speech, speech);
		login("4909");
		press("5");
		assertThat(heard()).isEqualTo(en("name_menu"));
		press("2");
		assertThat(heard()).isEqualTo(cat(en("no_custom"), en("name_menu")));

		press("1");
		heard();
		byte[] silence = new byte[6 * 8000];
		Arrays.fill(silence, G711.ALAW.silence());
		speak(cat(Arrays.copyOf(speech, 16_000), silence));
		assertThat(heard()).as("five seconds of silence ended it").isEqualTo(en("review"));
		press("*");
		heard();

		press("1");
		heard();
		speak(twelveSeconds);
		assertThat(heard()).as("the limit ended it").isEqualTo(en("review"));
		press("1");
		assertThat(heard()).isEqualTo(cat(en("name_saved"), en("name_menu")));
		byte[] kept = Arrays.copyOf(twelveSeconds, 80_000);
		assertThat(CallAudio.inLaw(greetings.recorded(max, Greetings.Kind.NAME).orElseThrow(), G711.ALAW))
			.as("ten seconds").isEqualTo(kept);
		press("2");
		assertThat(heard()).isEqualTo(cat(kept, en("name_menu")));
		press("3");
		assertThat(heard()).isEqualTo(cat(en("name_deleted"), en("name_menu")));
		assertThat(greetings.recorded(max, Greetings.Kind.NAME)).isEmpty();
		press("*");
		assertThat(heard()).isEqualTo(en("main_menu"));
	}

	/** A new flow on the same media, as a new call. */
	private void dial() {
		hungUp.set(false);
		voice = new Playback(channel, () -> null);
		keys = new DigitReceiver(101, key -> { });
		Retrieval.Services services = new Retrieval.Services(Runnable::run, prompts, routing, verification, store,
				playSpool, phonePin, greetings, callerGreeting, Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC, timers, LIMIT,
				Runnable::run);
		call = new Retrieval(services, voice, keys, G711.ALAW, () -> hungUp.set(true));
	}

	private void login(String mailbox) {
		login(mailbox, counts(0, 0, Locale.ENGLISH));
	}

	private void login(String mailbox, byte[] counts) {
		call.start(null);
		heard();
		press(mailbox + "#");
		assertThat(heard()).isEqualTo(en("enter_pin"));
		press(PIN + "#");
		assertThat(heard()).isEqualTo(cat(counts, en("main_menu")));
	}

	private void press(String typed) {
		for (char key : typed.toCharArray()) {
			call.key(key);
		}
	}

	/** The caller's audio, 20 ms to a packet, to the recording the flow has set. */
	private void speak(byte[] audio) {
		for (int at = 0; at < audio.length; at += Recording.BYTES_PER_FRAME) {
			int length = Math.min(Recording.BYTES_PER_FRAME, audio.length - at);
			byte[] packet = new byte[12 + length];
			int size = RtpPacket.write(packet, 0, G711.ALAW.payloadType(), false, sequence, 160L * sequence, 0x5678,
					audio, at, length);
			sequence++;
			keys.datagram(ByteBuffer.wrap(packet, 0, size), CALLER);
		}
	}

	/** Three seconds of A-law speech from sipp's sample capture. */
	private static byte[] speech() throws Exception {
		return Arrays.copyOf(Pcap.rtpPayloads(Path.of("/usr/share/sip-tester/g711a.pcap"), 8), 24_000);
	}

	/** Plays, as the pacer does, until the clip playing now ends (its end runs), and returns what was sent. */
	private byte[] heard() {
		return play(Integer.MAX_VALUE);
	}

	/** Plays at most {@code bytes} (rounded up to a frame) of the clip playing now and returns what was sent. */
	private byte[] play(int bytes) {
		return RetrievalTest.play(voice, bytes);
	}

	private byte[] en(String name) {
		return prompts.get(Locale.ENGLISH, name, G711.ALAW);
	}

	private byte[] nl(String name) {
		return prompts.get(Locale.forLanguageTag("nl"), name, G711.ALAW);
	}

	private byte[] counts(long unheard, long saved, Locale language) {
		return prompts.say(language, Spoken.counts(unheard, saved, language), G711.ALAW);
	}

	private byte[] envelope(UUID owner, UUID message) {
		VoiceMessages.Message found = store.list(owner).stream().filter(m -> m.id().equals(message)).findFirst()
			.orElseThrow();
		return prompts.say(Locale.ENGLISH, Spoken.envelope(found, ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC),
				Locale.ENGLISH), G711.ALAW);
	}

	private static byte[] cat(byte[]... parts) {
		return Playback.concat(parts);
	}

	/** Half a second of audio, every byte {@code tone}: a message told apart from the others. */
	private static byte[] audio(int tone) {
		byte[] audio = new byte[4000];
		Arrays.fill(audio, (byte) (0x10 * tone));
		return audio;
	}

	private UUID message(UUID owner, byte[] audio, boolean urgent, String received) {
		UUID id = store.deposit(owner, new CallerId(null, "0612345678", false), audio.length / 8, urgent,
				CallAudio.format(G711.ALAW), CallAudio.wav(G711.ALAW, audio));
		jdbc.sql("UPDATE voice_message SET received_at = :at WHERE id = :id")
			.param("at", Instant.parse(received).toEpochMilli())
			.param("id", id.toString())
			.update();
		return id;
	}

	private boolean isHeard(UUID owner, UUID message) {
		return store.list(owner).stream().filter(m -> m.id().equals(message)).findFirst().orElseThrow().heard();
	}

	private Api api() {
		return new Api(port);
	}

	private UUID person(String first, String extension, @Nullable String language) {
		Map<String, Object> body = new HashMap<>(Map.of("emails", List.of(first.toLowerCase(Locale.ROOT) + "@example.com"),
				"firstName", first, "lastName", "Menu", "extension", extension));
		if (language != null) {
			body.put("language", language);
		}
		Api.Response created = api().post("/v1/people", TOKEN, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		assertThat(api().put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
		return PublicId.PEOPLE.decode(id).orElseThrow();
	}

	/** A person with voicemail on and {@link #PIN}, set by themselves (so it need not be changed). */
	private UUID owner(String first, String extension, @Nullable String language) {
		UUID id = person(first, extension, language);
		String token = api().post("/v1/people/" + PublicId.PEOPLE.encode(id) + "/tokens", TOKEN, Map.of("name", "phone"))
			.json().get("token").asString();
		assertThat(api().put("/v1/telephony/config/people/me/voicemail/pin", token,
				Map.of("passcode", PIN, "confirmPasscode", PIN)).status()).isEqualTo(204);
		return id;
	}
}
