package org.voxbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that talk HTTP to the whole app on a random port. The database is the embedded SQLite in a
 * fresh directory, or PostgreSQL when the system property {@code voxbox.test.db-url} names one (the build runs
 * these tests once per database). Tests create their own people with unique emails, numbers and extensions,
 * so they never depend on what other tests left behind.
 */
@Tag("api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiTest.TestClock.class)
public abstract class ApiTest {

	public static final String ADMIN_TOKEN = "test-bootstrap-admin-token-0123456789";

	private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

	private static final Path DATA_DIR;

	static {
		try {
			DATA_DIR = Files.createTempDirectory("voxbox-test-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	protected Api api;

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("voxbox.storage.data-dir", DATA_DIR::toString);
		registry.add("voxbox.directory.bootstrap-admin-token", () -> ADMIN_TOKEN);
		// Several contexts share this JVM; only the telephony tests start SIP, on ports of their own.
		registry.add("voxbox.sip.enabled", () -> "false");
		TestDatabases.postgres().ifPresent(database -> {
			registry.add("voxbox.storage.db-url", database::url);
			registry.add("voxbox.storage.db-user", database::user);
			registry.add("voxbox.storage.db-password", database::password);
			// Every cached context holds a pool on the one PostgreSQL server (max_connections 100): an idle,
			// cached context keeps one connection, not eight.
			registry.add("voxbox.storage.pool-min-idle", () -> "1");
			// The database outlives this run's fresh data directory: a pepper generated there would not be the one
			// the stored PINs were made with, and Voxbox would refuse to start.
			registry.add("voxbox.pin.pepper", () -> "70696e2d7065707065722d666f722d706f737467726573716c2d746573747321");
		});
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}
	}

	@BeforeEach
	void connect() {
		api = new Api(port);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/** Whether this run is against PostgreSQL. */
	protected static boolean onPostgres() {
		return TestDatabases.onPostgres();
	}

	/** A person created through the API, with an API token of their own. */
	public record TestPerson(String id, String email, String token, String firstName, String lastName,
			@Nullable String extension, @Nullable String phone) {
	}

	/**
	 * {@code n} different six-digit PINs that pass the default policy for anyone without a phone number or
	 * extension inside them (checked with the real rules), none the reverse of another.
	 */
	protected static List<String> validPins(int n, long seed) {
		return validPins(n, seed, 6);
	}

	/** Like {@link #validPins(int, long)}, of {@code length} digits. */
	protected static List<String> validPins(int n, long seed, int length) {
		var random = new java.util.SplittableRandom(seed);
		var checker = new org.voxbox.pinpolicy.PinChecker(org.voxbox.pinpolicy.PinPolicy.defaults().withMinLength(Math.min(length, 30)));
		var nobody = new org.voxbox.pinpolicy.PinOwner("", "", null, null);
		var pins = new java.util.ArrayList<String>();
		while (pins.size() < n) {
			StringBuilder digits = new StringBuilder();
			for (int i = 0; i < length; i++) {
				digits.append((char) ('0' + random.nextInt(10)));
			}
			String pin = digits.toString();
			String reversed = new StringBuilder(pin).reverse().toString();
			if (!pins.contains(pin) && !pins.contains(reversed) && checker
				.check(pin, null, nobody, org.voxbox.pinpolicy.PinHistory.none(), java.time.Instant.now()).valid()) {
				pins.add(pin);
			}
		}
		return pins;
	}

	/** A unique number for emails, extensions and phone numbers. */
	protected static int unique() {
		return SEQUENCE.incrementAndGet();
	}

	/** Creates a person in the bootstrap organisation (voicemail off), with a token. */
	protected TestPerson person(String firstName, String lastName, String language) {
		int n = unique();
		String extension = String.valueOf(100_000 + n % 900_000);
		String phone = "+3120" + (1_000_000 + n % 9_000_000);
		return person(ADMIN_TOKEN, firstName, lastName, language, "USER", extension, phone);
	}

	protected TestPerson person(String adminToken, String firstName, String lastName, String language, String role,
			@Nullable String extension, @Nullable String phone) {
		String email = firstName.toLowerCase() + "." + unique() + "." + System.nanoTime() + "@example.com";
		var body = new java.util.LinkedHashMap<String, Object>();
		body.put("emails", List.of(email));
		body.put("firstName", firstName);
		body.put("lastName", lastName);
		body.put("language", language);
		body.put("role", role);
		if (extension != null) {
			body.put("extension", extension);
		}
		if (phone != null) {
			body.put("phoneNumbers", List.of(Map.of("type", "work", "value", phone)));
		}
		Api.Response created = api.post("/v1/people", adminToken, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		Api.Response token = api.post("/v1/people/" + id + "/tokens", adminToken, Map.of("name", "test"));
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		return new TestPerson(id, email, token.json().get("token").asString(), firstName, lastName, extension, phone);
	}

	/** A person with voicemail switched on. */
	protected TestPerson voicemailUser(String firstName, String lastName, String language) {
		TestPerson p = person(firstName, lastName, language);
		enableVoicemail(p);
		return p;
	}

	protected void enableVoicemail(TestPerson p) {
		Api.Response r = api.put("/v1/people/" + p.id() + "/features/voicemail", ADMIN_TOKEN, Map.of("enabled", true));
		assertThat(r.status()).as(r.toString()).isEqualTo(204);
	}

	protected Api.Response setOwnPin(TestPerson p, String pin) {
		return api.put("/v1/telephony/config/people/me/voicemail/pin", p.token(),
				Map.of("passcode", pin, "confirmPasscode", pin));
	}
}
