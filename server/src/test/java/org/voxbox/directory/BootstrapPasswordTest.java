package org.voxbox.directory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.voxbox.Api;
import org.voxbox.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First start without {@code VOXBOX_BOOTSTRAP_ADMIN_TOKEN}: the administrator's one-time password goes to the
 * console, never into a log line; it buys no API token until the administrator has changed it in the portal, where
 * signing in with it leads to nothing but the change; their own password then buys a token with HTTP Basic. Needs an empty database of
 * its own (a fresh data directory, and in the PostgreSQL run a fresh database), so it does not share {@code
 * ApiTest}'s application.
 */
@Tag("api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class BootstrapPasswordTest {

	private static final Pattern BANNER = Pattern.compile("administrator (\\S+), one-time password (\\S+)");

	/** How Logback's console lines mark their level; the banner is plain standard output and has none. */
	private static final Pattern LOG_LINE = Pattern.compile(".*\\s(TRACE|DEBUG|INFO|WARN|ERROR)\\s.*");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void emptyDatabaseWithoutBootstrapToken(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory("voxbox-first-start-");
		registry.add("voxbox.storage.data-dir", dataDir::toString);
		TestDatabases.register(registry, "bootstrap-password");
		registry.add("voxbox.directory.bootstrap-admin-token", () -> "");
		registry.add("voxbox.sip.enabled", () -> "false");
	}

	@Test
	void oneTimePasswordIsPrintedOutsideTheLogsAndMustBeChangedBeforeItBuysAToken(CapturedOutput output) throws Exception {
		Matcher banner = BANNER.matcher(output.getOut());
		assertThat(banner.find()).as("one-time password line on standard output:%n%s", output.getOut()).isTrue();
		String email = banner.group(1);
		String password = banner.group(2);
		assertThat(email).isEqualTo("admin@voxbox.local");
		assertThat(password).hasSize(20);
		assertThat(output.getOut()).as("the console says it must be changed first")
			.contains("It must be changed at the first sign-in, at http://localhost:" + port + "/")
			.contains("until then it buys no API token");
		Api api = new Api(port);

		Api.Response refused = tokenWithBasic(api, email, password);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
		assertThat(refused.codes()).containsExactly("PASSWORD_CHANGE_REQUIRED");
		assertThat(refused.text()).doesNotContain(password);

		Portal portal = new Portal(port);
		HttpResponse<String> signedIn = portal.post("/signin", portal.csrf("/signin"), "email", email, "password", password);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/password"));
		HttpResponse<String> profile = portal.get("/profile");
		assertThat(profile.headers().firstValue("Location")).as("every page sends to the change")
			.hasValueSatisfying(l -> assertThat(l).endsWith("/password"));
		HttpResponse<String> changed = portal.post("/password", portal.csrf("/password"), "currentPassword", password,
				"newPassword", "the administrator's own password", "confirmPassword", "the administrator's own password");
		assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/profile"));
		assertThat(portal.get("/profile").statusCode()).isEqualTo(200);

		Api.Response issued = tokenWithBasic(api, email, "the administrator's own password");
		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		String token = issued.json().get("token").asString();
		assertThat(token).startsWith("vbx_");
		Api.Response me = api.get("/v1/people/me", token);
		assertThat(me.json().get("role").asString()).isEqualTo("ADMIN");
		assertThat(me.json().get("emails").get(0).asString()).isEqualTo(email);
		assertThat(tokenWithBasic(api, email, password).status()).as("the one-time password is spent").isEqualTo(401);

		List<String> lines = output.getAll().lines().toList();
		assertThat(lines).as("the bootstrap was logged").anyMatch(line -> LOG_LINE.matcher(line).matches()
				&& line.contains("Created organisation 'Voxbox' with administrator admin@voxbox.local"));
		List<String> withPassword = lines.stream().filter(line -> line.contains(password)).toList();
		assertThat(withPassword).isNotEmpty().allMatch(line -> line.contains("one-time password"))
			.noneMatch(line -> LOG_LINE.matcher(line).matches());
		assertThat(output.getErr()).doesNotContain(password);
	}

	private static Api.Response tokenWithBasic(Api api, String email, String password) {
		return api.raw("POST", "/v1/people/me/tokens", Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)),
				"Content-Type", "application/json"), "{\"name\":\"admin\"}".getBytes(StandardCharsets.UTF_8));
	}

	/** The portal over plain HTTP, as a browser without script: a cookie jar, redirects not followed. */
	private static final class Portal {

		private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

		private static final Pattern SESSION = Pattern.compile("VOXBOX_SESSION=([^;]*)");

		private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5)).build();

		private final String base;

		/** The session cookie the portal set last, or null. */
		private @org.jspecify.annotations.Nullable String session;

		Portal(int port) {
			this.base = "http://localhost:" + port;
		}

		HttpResponse<String> get(String path) throws Exception {
			return send(request(path).GET());
		}

		/** The CSRF token of the page at {@code path}. */
		String csrf(String path) throws Exception {
			HttpResponse<String> page = get(path);
			Matcher m = CSRF.matcher(page.body());
			assertThat(m.find()).as("a CSRF token on %s: %s", path, page.statusCode()).isTrue();
			return m.group(1);
		}

		HttpResponse<String> post(String path, String csrf, String... fields) throws Exception {
			StringBuilder form = new StringBuilder("_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
			for (int i = 0; i < fields.length; i += 2) {
				form.append('&').append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
					.append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
			}
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form.toString())));
		}

		private HttpRequest.Builder request(String path) {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
			return session == null ? b : b.header("Cookie", "VOXBOX_SESSION=" + session);
		}

		private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			response.headers().allValues("Set-Cookie").forEach(cookie -> {
				Matcher m = SESSION.matcher(cookie);
				if (m.lookingAt()) {
					session = m.group(1);
				}
			});
			return response;
		}
	}
}
