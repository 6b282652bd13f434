package org.voxbox.directory;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.FullPool;
import org.voxbox.LoopbackClient;
import org.voxbox.PortalClient;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits on password checks, over real HTTP from several loopback addresses: bursts of sign-ins meet a bounded
 * hashing pool (1 thread, 2 waiting) and are told to come back (503 and {@code Retry-After}, or the portal's "busy"
 * message), never a 500; an account (5) or a client address (8) gets no more attempts than its limit however many
 * arrive at once; {@code X-Forwarded-For} names the client only when it comes from the trusted proxy, 127.0.0.2;
 * the current password on My profile counts against the account, and My profile and an administrator's temporary
 * password say "busy" when the pool is full.
 */
@TestPropertySource(properties = { "voxbox.directory.password-hash-threads=1", "voxbox.directory.password-hash-queue=2",
		"voxbox.directory.sign-in-address-failures=8", "voxbox.web.trusted-proxies=127.0.0.2/32" })
class SignInLimitsTest extends ApiTest {

	private static final String TOKENS = "/v1/people/me/tokens";

	private static final String PASSWORD = "the right password";

	private static final String PROXY = "127.0.0.2";

	@Autowired
	private People people;

	@Autowired
	private Passwords passwords;

	@Autowired
	private ApplicationContext context;

	@Test
	void twoHundredParallelSignInsAreToldToRetryAndTheServerStaysHealthy() throws Exception {
		TestPerson ann = personWithPassword("Ann");
		LoopbackClient proxy = new LoopbackClient(PROXY, port);

		// Each from an address of its own (forwarded by the trusted proxy), so no throttle steps in: only the pool.
		List<Api.Response> answers = inParallel(200, i -> proxy.post(TOKENS,
				Map.of("Authorization", basic(randomEmail(), "a guess"), "Content-Type", "application/json",
						"X-Forwarded-For", "10.1." + i / 200 + "." + i % 200),
				"{\"name\":\"x\"}"));

		assertThat(answers).extracting(Api.Response::status).as("wrong, or come back later; never a 500")
			.isSubsetOf(401, 503);
		List<Api.Response> busy = answers.stream().filter(r -> r.status() == 503).toList();
		assertThat(busy).as("the pool holds 3 at a time; the rest are turned away").isNotEmpty();
		busy.forEach(r -> {
			assertThat(r.header("Retry-After")).as(r.toString()).isEqualTo("1");
			assertThat(r.codes()).containsExactly("UNAVAILABLE");
		});
		Api.Response health = api.get("/actuator/health", null);
		assertThat(health.status()).as(health.toString()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		Api.Response issued = api.raw("POST", TOKENS,
				Map.of("Authorization", basic(ann.email(), PASSWORD), "Content-Type", "application/json"),
				"{\"name\":\"after\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(issued.status()).as("a real sign-in right after: " + issued).isEqualTo(200);
	}

	@Test
	void twoHundredParallelPortalSignInsSeeABusyMessageNotAnError() throws Exception {
		PortalClient portal = PortalClient.open(new LoopbackClient(PROXY, port));

		List<String> outcomes = inParallel(200,
				i -> portal.signIn(randomEmail(), "a guess", Map.of("X-Forwarded-For", "10.2." + i / 200 + "." + i % 200)));

		assertThat(outcomes).as("back to sign in, wrong or busy").isSubsetOf("signin?error", "signin?busy");
		assertThat(outcomes).contains("signin?busy");
		Api.Response page = portal.get("/signin?busy");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.text()).contains("id=\"signin-busy\"").contains("Voxbox is busy right now. Try again in a moment.");
	}

	@Test
	void aParallelBurstAgainstOneAccountGetsNoMoreThanItsFiveAttemptsThrough() throws Exception {
		TestPerson bea = personWithPassword("Bea");
		LoopbackClient proxy = new LoopbackClient(PROXY, port);
		IntFunction<Api.Response> guess = i -> proxy.post(TOKENS, Map.of("Authorization", basic(bea.email(), "guess " + i),
				"Content-Type", "application/json", "X-Forwarded-For", "10.3.0." + i), "{\"name\":\"x\"}");

		List<Api.Response> burst = inParallel(30, guess);

		assertThat(burst).extracting(Api.Response::status).isSubsetOf(401, 429, 503);
		long checked = burst.stream().filter(r -> r.status() == 401).count();
		assertThat(checked).as("passwords checked in the burst").isLessThanOrEqualTo(5);
		// Guesses turned away as busy were not counted; one at a time, the rest of the five go through, no more.
		for (int i = 100; i < 110; i++) {
			Api.Response r = guess.apply(i);
			if (r.status() != 401) {
				assertThat(r.status()).as(r.toString()).isEqualTo(429);
				break;
			}
			checked++;
		}
		assertThat(checked).as("passwords checked in all").isEqualTo(5);
		Api.Response right = proxy.post(TOKENS, Map.of("Authorization", basic(bea.email(), PASSWORD), "Content-Type",
				"application/json", "X-Forwarded-For", "10.3.1.1"), "{\"name\":\"x\"}");
		assertThat(right.status()).as("even the right password, until the window has passed: " + right).isEqualTo(429);
		assertThat(right.codes()).containsExactly("TOO_MANY_REQUESTS");
		assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, 15 * 60L);
	}

	@Test
	void aParallelBurstFromOneClientGetsNoMoreThanItsEightAttemptsThrough() throws Exception {
		PortalClient client = PortalClient.open(new LoopbackClient("127.0.0.3", port));

		List<String> burst = inParallel(30, i -> client.signIn(randomEmail(), "a guess", Map.of()));

		assertThat(burst).isSubsetOf("signin?error", "signin?throttled", "signin?busy");
		long checked = burst.stream().filter("signin?error"::equals).count();
		assertThat(checked).as("passwords checked in the burst").isLessThanOrEqualTo(8);
		for (int i = 0; i < 10; i++) {
			String outcome = client.signIn(randomEmail(), "a guess", Map.of());
			if (!outcome.equals("signin?error")) {
				assertThat(outcome).isEqualTo("signin?throttled");
				break;
			}
			checked++;
		}
		assertThat(checked).as("passwords checked in all").isEqualTo(8);
	}

	@Test
	void forwardedForIsBelievedOnlyFromTheTrustedProxy() {
		// 127.0.0.4 is loopback, which Tomcat's own default would trust; here it is an ordinary client.
		PortalClient untrusted = PortalClient.open(new LoopbackClient("127.0.0.4", port));
		for (int i = 1; i <= 8; i++) {
			assertThat(untrusted.signIn(randomEmail(), "a guess", Map.of("X-Forwarded-For", "203.0.113." + i)))
				.as("attempt " + i).isEqualTo("signin?error");
		}
		assertThat(untrusted.signIn(randomEmail(), "a guess", Map.of("X-Forwarded-For", "203.0.113.99")))
			.as("a new X-Forwarded-For does not make a new client").isEqualTo("signin?throttled");

		// Through the proxy, the client is the address the proxy added last, whatever the client wrote before it.
		PortalClient proxied = PortalClient.open(new LoopbackClient(PROXY, port));
		for (int i = 1; i <= 8; i++) {
			assertThat(proxied.signIn(randomEmail(), "a guess", Map.of("X-Forwarded-For", "198.51.100." + i + ", 192.0.2.50")))
				.as("attempt " + i).isEqualTo("signin?error");
		}
		assertThat(proxied.signIn(randomEmail(), "a guess", Map.of("X-Forwarded-For", "198.51.100.99, 192.0.2.50")))
			.as("192.0.2.50 has used its attempts").isEqualTo("signin?throttled");
		assertThat(proxied.signIn(randomEmail(), "a guess", Map.of("X-Forwarded-For", "192.0.2.51")))
			.as("the proxy's other clients are not throttled").isEqualTo("signin?error");
	}

	@Test
	void wrongCurrentPasswordsOnMyProfileUseUpTheAccountsAttempts() {
		TestPerson cas = personWithPassword("Cas");
		PortalClient portal = PortalClient.open(new LoopbackClient("127.0.0.5", port));
		assertThat(portal.signIn(cas.email(), PASSWORD, Map.of())).isEqualTo("profile");
		String newPassword = "a brand new password";

		for (int i = 1; i <= 5; i++) {
			assertThat(portal.changePassword("wrong " + i, newPassword)).as("attempt " + i)
				.isEqualTo("The current password is not correct.");
		}
		assertThat(portal.changePassword(PASSWORD, newPassword)).as("not checked any more")
			.isEqualTo("Too many wrong passwords. Wait a few minutes and try again.");

		UUID id = PublicId.PEOPLE.decode(cas.id()).orElseThrow();
		String stored = people.passwordHash(id).orElseThrow();
		assertThat(passwords.matches(PASSWORD, stored)).as("the password is unchanged").isTrue();
		Api.Response signIn = api.raw("POST", TOKENS,
				Map.of("Authorization", basic(cas.email(), PASSWORD), "Content-Type", "application/json"),
				"{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(signIn.status()).as("the same account's sign-ins: " + signIn).isEqualTo(429);
	}

	@Test
	void myProfileAndAnAdministratorsTemporaryPasswordSayBusyWhenThePoolIsFull() throws Exception {
		TestPerson dee = personWithPassword("Dee");
		PortalClient mine = PortalClient.open(new LoopbackClient("127.0.0.6", port));
		assertThat(mine.signIn(dee.email(), PASSWORD, Map.of())).isEqualTo("profile");
		PortalClient admin = PortalClient.open(new LoopbackClient("127.0.0.6", port));
		assertThat(admin.signIn(PasswordFixtures.from(context).bootstrapAdminWithPassword(PASSWORD), PASSWORD, Map.of()))
			.isEqualTo("profile");

		Api.Response temporary;
		try (FullPool full = fullPasswordPool(passwords)) {
			assertThat(mine.changePassword(PASSWORD, "a brand new password"))
				.isEqualTo("Voxbox is busy right now. Try again in a moment.");
			temporary = admin.post("/admin/people/" + dee.id() + "/password", Map.of(), Map.of());
		}

		assertThat(temporary.status()).as(temporary.toString()).isEqualTo(503);
		assertThat(temporary.text()).contains("The service is busy; try again shortly.");
		UUID id = PublicId.PEOPLE.decode(dee.id()).orElseThrow();
		assertThat(passwords.matches(PASSWORD, people.passwordHash(id).orElseThrow())).as("nothing changed").isTrue();
		assertThat(mine.changePassword(PASSWORD, "a brand new password")).as("not counted as a wrong password")
			.isEqualTo("Your password has been changed.");
	}

	private TestPerson personWithPassword(String firstName) {
		TestPerson p = person(firstName, "Limits", "en");
		people.setPasswordHash(PublicId.PEOPLE.decode(p.id()).orElseThrow(), passwords.hash(PASSWORD));
		return p;
	}

	private static String randomEmail() {
		return "nobody." + UUID.randomUUID() + "@example.com";
	}

	private static String basic(String email, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The password hashing pool held full until closed. The pool is reached by reflection (as {@code PinFixtures}
	 * reaches the PIN's): nothing but {@link Passwords} has reason to submit to it.
	 */
	private static FullPool fullPasswordPool(Passwords passwords) throws ReflectiveOperationException {
		Field field = Passwords.class.getDeclaredField("pool");
		field.setAccessible(true);
		return FullPool.fill((ThreadPoolExecutor) field.get(passwords), "the password hashing pool");
	}

	/** Runs {@code n} calls at once (released together) and answers their results in order. */
	private static <T> List<T> inParallel(int n, IntFunction<T> call) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int k = i;
				futures.add(threads.submit(() -> {
					start.await();
					return call.apply(k);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(2, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}
}
