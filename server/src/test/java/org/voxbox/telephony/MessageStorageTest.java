package org.voxbox.telephony;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
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
import org.voxbox.TestDatabases;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.CallerId;
import org.voxbox.mailbox.MessageDeposit;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.media.Wav;
import org.voxbox.storage.DataDirectory;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxbox.telephony.Conversation.hear;
import static org.voxbox.telephony.Conversation.keys;
import static org.voxbox.telephony.Conversation.speak;

/**
 * A message's way through the store, end to end over SIP, on whichever database the run uses (the build runs
 * this class on SQLite and again on PostgreSQL): a message left by phone is played back by phone bit for bit, and
 * the counts the phone menu speaks agree with the API's summary before and after; a message the store refuses
 * is kept in the spool and stored once the store is back, the failures are counted and {@code /actuator/health}
 * reports the store down meanwhile; a message that neither the store nor the spool can keep is never silent —
 * the caller hears "sorry, your message could not be saved" and it is audited; and two messages stored at once
 * cannot overrun a mailbox's limit. The store is broken with a real database trigger that refuses every new
 * message.
 */
@Tag("sip")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MessageStorageTest {

	private static final String TOKEN = "message-storage-admin-token-0123456789";

	private static final int SIP_PORT = SipTestContext.freeSipPort();

	private static final String PIN = "840627";

	@DynamicPropertySource
	static void sip(DynamicPropertyRegistry registry) throws Exception {
		SipTestContext.register(registry, "message-storage-test", TOKEN, SIP_PORT, 28800);
		registry.add("voxbox.sip.spool-retry-seconds", () -> 1);
	}

	@LocalServerPort
	int port;

	@Autowired
	VoiceMessages messages;

	@Autowired
	MessageDeposit deposits;

	@Autowired
	Prompts prompts;

	@Autowired
	CallerGreeting greetings;

	@Autowired
	People people;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataDirectory data;

	private Api api;

	@BeforeEach
	void connect() {
		api = new Api(port);
	}

	@Test
	void aMessageLeftByPhoneIsPlayedBackBitForBitAndThePhoneAndTheApiCountTheSame() throws Exception {
		Owner nora = owner("Nora", "4901");
		assertThat(summary(nora)).isEqualTo(Map.of("newMessages", 0, "oldMessages", 0, "newUrgentMessages", 0,
				"oldUrgentMessages", 0));

		assertThat(Sipp.run("deposit-full.xml", "4901", "127.0.0.1", SIP_PORT).exitCode()).isZero();
		VoiceMessages.Message message = awaitMessage(nora.id());
		byte[] sent = Pcap.rtpPayloads(Path.of("/usr/share/sip-tester/g711a.pcap"), 8);
		assertThat(Wav.parse(messages.audio(nora.id(), message.id()).orElseThrow()).audioBytes())
			.as("stored bit for bit").isEqualTo(sent);
		assertThat(summary(nora)).as("the API's counts after the deposit (deposit-full.xml is urgent)")
			.isEqualTo(Map.of("newMessages", 1, "oldMessages", 0, "newUrgentMessages", 1, "oldUrgentMessages", 0));

		// The phone says the same counts, plays the message to its end (then it is heard), and the API follows.
		byte[] counts = say(Spoken.counts(1, 0, Locale.ENGLISH));
		byte[] mainMenu = prompts.get(Locale.ENGLISH, "main_menu", G711.ALAW);
		byte[] envelope = say(Spoken.envelope(message, java.time.ZonedDateTime.now(), Locale.ENGLISH));
		byte[] messageMenu = prompts.get(Locale.ENGLISH, "message_menu", G711.ALAW);
		// Keys as a caller presses them, into the prompts (the menus are long), once what they answer was heard.
		byte[] heard = Conversation.call(SIP_PORT, "voicemail", hear(prompts.get(Locale.ENGLISH, "enter_mailbox", G711.ALAW),
				"the mailbox prompt"), keys("4901#"), hear(prompts.get(Locale.ENGLISH, "enter_pin", G711.ALAW), "the PIN prompt"),
				keys(PIN + "#"), hear(counts, "one new message, no saved ones"), keys("1"),
				hear(Playback.concat(envelope, sent), "the message"), hear(start(messageMenu), "the message menu begin"),
				keys("*"), hear(start(mainMenu), "the main menu begin"), keys("*"));
		assertThat(Conversation.indexOf(heard, Playback.concat(envelope, sent), 0))
			.as("the envelope, then the message as it was left, contiguous").isNotNegative();
		assertThat(summary(nora)).as("the API's counts once the message was heard")
			.isEqualTo(Map.of("newMessages", 0, "oldMessages", 1, "newUrgentMessages", 0, "oldUrgentMessages", 1));

		byte[] again = Conversation.call(SIP_PORT, "voicemail", hear(prompts.get(Locale.ENGLISH, "enter_mailbox", G711.ALAW),
				"the mailbox prompt"), keys("4901#"), hear(prompts.get(Locale.ENGLISH, "enter_pin", G711.ALAW), "the PIN prompt"),
				keys(PIN + "#"), hear(start(mainMenu), "the main menu begin"), keys("*"));
		assertThat(Conversation.indexOf(again, say(Spoken.counts(0, 1, Locale.ENGLISH)), 0))
			.as("the phone's counts on the next call: no new message, one saved").isNotNegative();
	}

	@Test
	void aMessageTheStoreRefusesIsKeptInTheSpoolCountedAndStoredOnceTheStoreIsBack() throws Exception {
		Owner lena = owner("Lena", "4902");
		double failuresBefore = failures();
		refuseNewMessages(true);
		try {
			leaveMessage(lena, "goodbye");
			assertThat(messages.list(lena.id())).isEmpty();
			assertThat(failures()).as("voxbox.messages.store.failures").isGreaterThan(failuresBefore);
			assertThat(api.get("/actuator/prometheus", null).text()).contains("voxbox_messages_store_failures_total");
			// The spool tries again every second and fails each time: the store is reported down.
			Awaitility.await("the message store reported down").atMost(Duration.ofSeconds(20))
				.until(() -> api.get("/actuator/health", null).status() == 503);
			Api.Response health = api.get("/actuator/health", null);
			assertThat(health.json().get("status").asString()).as(health.toString()).isEqualTo("DOWN");
			assertThat(meters.get("voxbox.messages.spooled").gauge().value()).as("waiting in the spool").isEqualTo(1);
			assertThat(lostMessagesAudited(lena)).as("nothing is lost").isZero();
		}
		finally {
			refuseNewMessages(false);
		}

		// Repaired: the spool stores the message, with its caller and the time the call came, and the store is up.
		VoiceMessages.Message stored = awaitMessage(lena.id());
		assertThat(stored.durationMillis()).isBetween(2900, 3100);
		assertThat(stored.callerNumber()).isEqualTo("0699999999");
		Awaitility.await("the store reported up").atMost(Duration.ofSeconds(20))
			.until(() -> api.get("/actuator/health", null).status() == 200);
		assertThat(meters.get("voxbox.messages.spooled").gauge().value()).isZero();
		assertThat(spooled()).as("the spool is empty").isEmpty();
	}

	@Test
	void aMessageNeitherTheStoreNorTheSpoolCanKeepIsToldToTheCallerAndAudited() throws Exception {
		Owner mila = owner("Mila", "4904");
		Path spool = data.root().resolve("spool");
		Path away = data.root().resolve("spool-away");
		java.nio.file.Files.move(spool, away);
		java.nio.file.Files.writeString(spool, "a file where the spool directory should be");
		refuseNewMessages(true);
		try {
			byte[] heard = leaveMessage(mila, "message_not_saved");
			assertThat(Conversation.indexOf(heard, prompts.get(Locale.ENGLISH, "goodbye", G711.ALAW), 0))
				.as("not the normal goodbye").isNegative();
			assertThat(messages.list(mila.id())).isEmpty();
			assertThat(lostMessagesAudited(mila)).as("MESSAGE_NOT_STORED in the audit trail").isEqualTo(1);
		}
		finally {
			refuseNewMessages(false);
			java.nio.file.Files.delete(spool);
			java.nio.file.Files.move(away, spool);
		}
		assertThat(messages.list(mila.id())).as("lost indeed: nothing comes back").isEmpty();
	}

	@Test
	void twoMessagesStoredAtOnceCannotBothTakeTheLastOfAMailboxsRoom() throws Exception {
		Owner vera = owner("Vera", "4905");
		Person person = people.find(vera.id()).orElseThrow();
		byte[] wav = Wav.of(Wav.Encoding.ALAW, new byte[8_000]).toBytes();
		// Fill the mailbox to a minute short of its limit, then store two 40-second messages at once, many times.
		int filler = VoiceMessages.MAILBOX_LIMIT_MILLIS - 60_000;
		assertThat(deposits.store(person, CallerId.hidden(), filler, false, "audio/x-wav;codec=alaw", wav)).isPresent();
		java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
				List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
				for (int i = 0; i < 2; i++) {
					results.add(two.submit(() -> {
						go.await();
						try {
							return deposits.store(person, CallerId.hidden(), 40_000, false, "audio/x-wav;codec=alaw", wav)
								.isPresent();
						}
						catch (org.voxbox.mailbox.MailboxFull full) {
							return false;
						}
					}));
				}
				go.countDown();
				int stored = 0;
				for (var result : results) {
					stored += result.get() ? 1 : 0;
				}
				assertThat(stored).as("round %d: one fits", round).isEqualTo(1);
				assertThat(messages.remainingMillis(vera.id())).isEqualTo(20_000);
				UUID second = messages.list(vera.id()).stream().filter(m -> m.durationMillis() == 40_000).findFirst()
					.orElseThrow().id();
				assertThat(messages.delete(vera.id(), second)).isTrue();
			}
		}
		finally {
			two.shutdownNow();
		}
	}

	@Test
	void aCallerIdLongerThanTheStoreTakesIsCutToItsLimitsAndTheMessageIsKept() throws Exception {
		Owner otto = owner("Otto", "4903");
		// 16 × 6 UTF-16 units, then "Ém " and an emoji whose first half is the 100th unit: cut before it, not inside.
		String name = "Ém \uD83D\uDE00 ".repeat(40);
		leaveMessage(otto, "goodbye", "\"" + name + "\" <sip:" + "1".repeat(100) + "@127.0.0.1>");
		VoiceMessages.Message message = awaitMessage(otto.id());
		assertThat(message.callerName()).isEqualTo(name.substring(0, 98));
		assertThat(message.callerName().codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF))
			.as("no half a character").isTrue();
		assertThat(message.callerNumber()).isEqualTo("1".repeat(64));
	}

	/**
	 * Leaves a message of three seconds by phone, ending it with {@code #}, and returns what the caller heard,
	 * which must end with the prompt {@code closing}.
	 */
	private byte[] leaveMessage(Owner owner, String closing) throws Exception {
		return leaveMessage(owner, closing, Conversation.OUTSIDE);
	}

	private byte[] leaveMessage(Owner owner, String closing, String from) throws Exception {
		Person person = people.find(owner.id()).orElseThrow();
		byte[] greeting = Playback.concat(greetings.of(person, false, G711.ALAW), prompts.tone(G711.ALAW));
		byte[] last = prompts.get(Locale.ENGLISH, closing, G711.ALAW);
		byte[] speech = java.util.Arrays.copyOf(Pcap.rtpPayloads(Path.of("/usr/share/sip-tester/g711a.pcap"), 8), 24_000);
		byte[] heard = Conversation.callAs(from, SIP_PORT, owner.extension(), hear(greeting, "the greeting and the tone"),
				speak(speech), keys("#"), hear(last, "the prompt " + closing));
		assertThat(Conversation.indexOf(heard, last, 0)).as("the caller heard %s", closing).isNotNegative();
		return heard;
	}

	/** Makes the database refuse every new voice message, as a broken store would (or stops it). */
	private void refuseNewMessages(boolean refuse) {
		if (TestDatabases.onPostgres()) {
			if (refuse) {
				jdbc.sql("""
						CREATE FUNCTION refuse_message() RETURNS trigger LANGUAGE plpgsql AS
						$$ BEGIN RAISE EXCEPTION 'the test broke the message store'; END $$
						""").update();
				jdbc.sql("""
						CREATE TRIGGER refuse_messages BEFORE INSERT ON voice_message
						FOR EACH ROW EXECUTE FUNCTION refuse_message()
						""").update();
			}
			else {
				jdbc.sql("DROP TRIGGER refuse_messages ON voice_message").update();
				jdbc.sql("DROP FUNCTION refuse_message()").update();
			}
		}
		else if (refuse) {
			jdbc.sql("""
					CREATE TRIGGER refuse_messages BEFORE INSERT ON voice_message
					BEGIN SELECT RAISE(ABORT, 'the test broke the message store'); END
					""").update();
		}
		else {
			jdbc.sql("DROP TRIGGER refuse_messages").update();
		}
	}

	private record Owner(UUID id, String publicId, String extension, String token) {
	}

	/** A person with voicemail on, their own PIN and an API token. */
	private Owner owner(String first, String extension) {
		Api.Response created = api.post("/v1/people", TOKEN, Map.of("emails", List.of(first.toLowerCase() + "@example.com"),
				"firstName", first, "lastName", "Opslag", "extension", extension));
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		assertThat(api.put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
		String token = api.post("/v1/people/" + id + "/tokens", TOKEN, Map.of("name", "phone")).json().get("token")
			.asString();
		assertThat(api.put("/v1/telephony/config/people/me/voicemail/pin", token,
				Map.of("passcode", PIN, "confirmPasscode", PIN)).status()).isEqualTo(204);
		return new Owner(PublicId.PEOPLE.decode(id).orElseThrow(), id, extension, token);
	}

	private Map<String, Integer> summary(Owner owner) {
		Api.Response r = api.get("/v1/telephony/voiceMessages/summary", owner.token());
		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		Api.Response members = api.get("/v1/telephony/voiceMessages/members/me/summary", owner.token());
		assertThat(members.text()).as("the user-scoped path says the same").isEqualTo(r.text());
		return Map.of("newMessages", r.json().get("newMessages").asInt(), "oldMessages",
				r.json().get("oldMessages").asInt(), "newUrgentMessages", r.json().get("newUrgentMessages").asInt(),
				"oldUrgentMessages", r.json().get("oldUrgentMessages").asInt());
	}

	private VoiceMessages.Message awaitMessage(UUID person) {
		return Awaitility.await("a message is stored").atMost(Duration.ofSeconds(20))
			.until(() -> messages.list(person), list -> !list.isEmpty()).get(0);
	}

	/** The first half second of a prompt: enough to know it is playing. */
	private static byte[] start(byte[] prompt) {
		return java.util.Arrays.copyOf(prompt, Math.min(prompt.length, 4000));
	}

	private byte[] say(List<String> names) {
		return prompts.say(Locale.ENGLISH, names, G711.ALAW);
	}

	/** The files in the recording spool. */
	private List<Path> spooled() throws java.io.IOException {
		try (var files = java.nio.file.Files.list(data.root().resolve("spool"))) {
			return files.toList();
		}
	}

	private double failures() {
		return meters.counter("voxbox.messages.store.failures").count();
	}

	private int lostMessagesAudited(Owner owner) {
		Api.Response events = api.get("/v1/adminAudit/events", TOKEN);
		assertThat(events.status()).as(events.toString()).isEqualTo(200);
		int n = 0;
		for (var event : events.json().get("items")) {
			if ("MESSAGE_NOT_STORED".equals(event.get("data").get("eventType").asString())
					&& owner.publicId().equals(event.get("data").get("targetId").asString())) {
				n++;
			}
		}
		return n;
	}
}
