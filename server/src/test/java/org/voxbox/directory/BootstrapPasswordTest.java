package org.voxbox.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * console, never into a log line, and is exchanged for an API token with HTTP Basic. Needs an empty database of
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
	void oneTimePasswordIsPrintedOutsideTheLogsAndBuysAToken(CapturedOutput output) {
		Matcher banner = BANNER.matcher(output.getOut());
		assertThat(banner.find()).as("one-time password line on standard output:%n%s", output.getOut()).isTrue();
		String email = banner.group(1);
		String password = banner.group(2);
		assertThat(email).isEqualTo("admin@voxbox.local");
		assertThat(password).hasSize(20);
		Api api = new Api(port);

		Api.Response issued = api.raw("POST", "/v1/people/me/tokens", Map.of("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8)),
				"Content-Type", "application/json"), "{\"name\":\"admin\"}".getBytes(StandardCharsets.UTF_8));

		assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
		String token = issued.json().get("token").asString();
		assertThat(token).startsWith("vbx_");
		Api.Response me = api.get("/v1/people/me", token);
		assertThat(me.json().get("role").asString()).isEqualTo("ADMIN");
		assertThat(me.json().get("emails").get(0).asString()).isEqualTo(email);

		List<String> lines = output.getAll().lines().toList();
		assertThat(lines).as("the bootstrap was logged").anyMatch(line -> LOG_LINE.matcher(line).matches()
				&& line.contains("Created organisation 'Voxbox' with administrator admin@voxbox.local"));
		List<String> withPassword = lines.stream().filter(line -> line.contains(password)).toList();
		assertThat(withPassword).isNotEmpty().allMatch(line -> line.contains("one-time password"))
			.noneMatch(line -> LOG_LINE.matcher(line).matches());
		assertThat(output.getErr()).doesNotContain(password);
	}
}
