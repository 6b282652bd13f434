package org.voxbox.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.LoopbackClient;
import org.voxbox.PortalClient;
import org.voxbox.directory.DirectoryFixtures;
import org.voxbox.directory.PasswordFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reaches what: every endpoint Spring MVC maps — the REST API and the portal's pages and forms, enumerated from
 * its {@link RequestMappingHandlerMapping}, so that an endpoint added without a row here fails — called by each
 * kind of caller, with the outcome each must get. The target of a {@code {personId}} is a fresh person of the
 * bootstrap organisation with voicemail on (the owner); the callers are nobody, another user of that organisation,
 * the owner, the administrator of another organisation and the organisation's administrator. The API is called
 * with bearer tokens, the portal with a session of its own per request (password sign-in, CSRF token), so that no
 * request's effect reaches another. An outcome is a status, or {@code signin} for the portal's redirect to sign in.
 */
@Import(DirectoryFixtures.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends ApiTest {

	private static final String PASSWORD = "matrix password 1";

	/** Who calls. */
	enum Who {
		ANONYMOUS, USER, OWNER, OTHER_ADMIN, ADMIN
	}

	/** One endpoint's expected outcomes, in the order of {@link Who}; {@code body} is sent with writes. */
	record Row(List<String> outcomes, @Nullable String body) {
	}

	private static final Map<String, Row> MATRIX = new LinkedHashMap<>();

	/** Endpoints another handler mapping serves, which are called as well. */
	private static final List<String> ACTUATOR = List.of("GET /actuator/health", "GET /actuator/prometheus");

	private static void row(String endpoint, @Nullable String body, String... outcomes) {
		assertThat(outcomes).as(endpoint).hasSize(Who.values().length);
		assertThat(MATRIX.put(endpoint, new Row(List.of(outcomes), body))).as("twice: " + endpoint).isNull();
	}

	private static final String PERSON = "{\"emails\":[\"{email}\"],\"firstName\":\"Matrix\",\"lastName\":\"Made\"}";

	/** The owner as they are, but in Dutch: the one change a user may make to themselves. */
	private static final String OWN_PERSON = "{\"emails\":[\"{ownerEmail}\"],\"firstName\":\"Matrix\",\"lastName\":\"Owner\","
			+ "\"extension\":\"{ownerExtension}\",\"phoneNumbers\":[{\"type\":\"work\",\"value\":\"{ownerPhone}\"}],"
			+ "\"language\":\"nl\"}";

	private static final String GREETING = "{\"sendBusyCalls\":{\"greeting\":\"DEFAULT\"}}";

	private static final String TOKEN = "{\"name\":\"matrix\"}";

	private static final String PIN = "{\"passcode\":\"{pin}\",\"confirmPasscode\":\"{pin}\"}";

	static {
		//                                                                          anonymous user   owner  other admin admin
		// REST API: people
		row("POST /v1/people", PERSON, "401", "403", "403", "200", "200");
		row("GET /v1/people", null, "401", "403", "403", "200", "200");
		row("GET /v1/people/me", null, "401", "200", "200", "200", "200");
		row("GET /v1/people/{personId}", null, "401", "404", "200", "404", "200");
		row("PUT /v1/people/{personId}", OWN_PERSON, "401", "404", "200", "404", "200");
		row("DELETE /v1/people/{personId}", null, "401", "403", "403", "404", "204");
		// tokens
		row("POST /v1/people/me/tokens", TOKEN, "401", "200", "200", "200", "200");
		row("GET /v1/people/me/tokens", null, "401", "200", "200", "200", "200");
		row("DELETE /v1/people/me/tokens/{tokenId}", null, "401", "404", "204", "404", "404");
		row("POST /v1/people/{personId}/tokens", TOKEN, "401", "403", "403", "404", "200");
		row("GET /v1/people/{personId}/tokens", null, "401", "404", "200", "404", "200");
		row("DELETE /v1/people/{personId}/tokens", null, "401", "403", "403", "404", "204");
		// voicemail settings
		row("GET /v1/people/{personId}/features/voicemail", null, "401", "404", "200", "404", "200");
		row("PUT /v1/people/{personId}/features/voicemail", GREETING, "401", "404", "204", "404", "204");
		row("POST /v1/people/{personId}/features/voicemail", "{}", "401", "404", "403", "404", "409");
		row("GET /v1/telephony/config/people/me/settings/voicemail", null, "401", "200", "200", "200", "200");
		row("PUT /v1/telephony/config/people/me/settings/voicemail", GREETING, "401", "204", "204", "204", "204");
		row("GET /v1/telephony/config/voicemail/settings", null, "401", "403", "403", "200", "200");
		row("PUT /v1/telephony/config/voicemail/settings", "{}", "401", "403", "403", "204", "204");
		row("GET /v1/telephony/voiceMessages/summary", null, "401", "200", "200", "200", "200");
		row("GET /v1/telephony/voiceMessages/members/me/summary", null, "401", "200", "200", "200", "200");
		// PINs
		row("GET /v1/telephony/config/voicemail/rules", null, "401", "403", "403", "200", "200");
		row("PUT /v1/telephony/config/voicemail/rules", "{}", "401", "403", "403", "204", "204");
		row("GET /v1/telephony/config/people/me/voicemail/rules", null, "401", "200", "200", "200", "200");
		row("PUT /v1/telephony/config/people/me/voicemail/pin", PIN, "401", "403", "204", "403", "403");
		row("POST /v1/telephony/config/people/me/voicemail/pin/actions/validate/invoke", PIN, "401", "403", "200", "403",
				"403");
		row("PUT /v1/telephony/config/people/{personId}/voicemail/passcode", PIN, "401", "404", "403", "404", "204");
		row("POST /v1/people/{personId}/features/voicemail/actions/resetPin/invoke", "{}", "401", "404", "403", "404",
				"200");
		// audit
		row("GET /v1/adminAudit/events", null, "401", "403", "403", "200", "200");
		// API documentation: open to all (springdoc's settings switch it off)
		row("GET /v3/api-docs", null, "200", "200", "200", "200", "200");
		row("GET /v3/api-docs.yaml", null, "200", "200", "200", "200", "200");
		row("GET /v3/api-docs/swagger-config", null, "200", "200", "200", "200", "200");
		row("GET /swagger-ui.html", null, "302", "302", "302", "302", "302");
		// Actuator (its own handler mapping; listed here by hand): from loopback, where this test calls from
		row("GET /actuator/health", null, "200", "200", "200", "200", "200");
		row("GET /actuator/prometheus", null, "200", "200", "200", "200", "200");
		// Portal
		row("GET /", null, "signin", "302", "302", "302", "302");
		row("GET /signin", null, "200", "200", "200", "200", "200");
		row("GET /error", null, "404", "404", "404", "404", "404");
		row("GET /profile", null, "signin", "200", "200", "200", "200");
		row("POST /profile/password", "", "signin", "302", "302", "302", "302");
		row("POST /profile/language", "language=en", "signin", "302", "302", "302", "302");
		row("POST /profile/pin", PIN, "signin", "403", "204", "403", "403");
		row("POST /profile/pin/validate", PIN, "signin", "403", "200", "403", "403");
		row("GET /password", null, "signin", "302", "302", "302", "302");
		row("POST /password", "", "signin", "302", "302", "302", "302");
		row("GET /tokens", null, "signin", "200", "200", "200", "200");
		row("POST /tokens", "name=matrix", "signin", "302", "302", "302", "302");
		row("POST /tokens/{tokenId}/revoke", "", "signin", "404", "302", "404", "404");
		row("GET /admin/people", null, "signin", "404", "404", "200", "200");
		row("GET /admin/people/new", null, "signin", "404", "404", "200", "200");
		row("POST /admin/people/new", "", "signin", "404", "404", "200", "200");
		row("GET /admin/people/{personId}", null, "signin", "404", "404", "404", "200");
		row("POST /admin/people/{personId}", "", "signin", "404", "404", "404", "200");
		row("POST /admin/people/{personId}/delete", "", "signin", "404", "404", "404", "302");
		row("POST /admin/people/{personId}/password", "", "signin", "404", "404", "404", "302");
		row("POST /admin/people/{personId}/tokens/revoke", "", "signin", "404", "404", "404", "302");
		row("POST /admin/people/{personId}/voicemail", "enabled=false", "signin", "404", "404", "404", "302");
		row("POST /admin/people/{personId}/pin/reset", "", "signin", "404", "404", "404", "302");
		row("POST /admin/people/{personId}/pin/unlock", "", "signin", "404", "404", "404", "302");
		row("GET /admin/policy", null, "signin", "404", "404", "200", "200");
		row("POST /admin/policy", "", "signin", "404", "404", "200", "200");
		row("GET /admin/transfers", null, "signin", "404", "404", "200", "200");
		row("POST /admin/transfers", "", "signin", "404", "404", "302", "302");
		row("GET /admin/audit", null, "signin", "404", "404", "200", "200");
	}

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private DirectoryFixtures directory;

	@Autowired
	private ApplicationContext context;

	private final Map<Who, TestPerson> callers = new HashMap<>();

	private final Map<Who, String> emails = new HashMap<>();

	/** One call: an endpoint as Spring maps it, a caller, and the row it must match (null: it has none). */
	record Cell(String endpoint, Who who, @Nullable Row row) {

		@Override
		public String toString() {
			return endpoint + " as " + who;
		}
	}

	/** Every endpoint Spring maps, by each caller; and a row that names no mapped endpoint, once. */
	Stream<Cell> cells() {
		TreeSet<String> mapped = new TreeSet<>(ACTUATOR);
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			List<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? List.of("GET")
					: info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList();
			for (String pattern : info.getPatternValues()) {
				methods.forEach(method -> mapped.add(method + " " + pattern));
			}
		}
		List<Cell> cells = new ArrayList<>();
		for (String endpoint : mapped) {
			for (Who who : Who.values()) {
				cells.add(new Cell(endpoint, who, MATRIX.get(endpoint)));
			}
		}
		MATRIX.keySet().stream().filter(endpoint -> !mapped.contains(endpoint))
			.forEach(endpoint -> cells.add(new Cell(endpoint, Who.ADMIN, null)));
		return cells.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cells")
	void everyEndpointAnswersEachCallerAsTheMatrixSays(Cell cell) {
		assertThat(cell.row()).as(MATRIX.containsKey(cell.endpoint())
				? "a row for an endpoint Spring no longer maps: " + cell.endpoint()
				: "no row in the authorization matrix for " + cell.endpoint()).isNotNull();
		assertThat(MATRIX.containsKey(cell.endpoint())).isTrue();
		String method = cell.endpoint().substring(0, cell.endpoint().indexOf(' '));
		String pattern = cell.endpoint().substring(cell.endpoint().indexOf(' ') + 1);
		String expected = cell.row().outcomes().get(cell.who().ordinal());

		TestPerson owner = voicemailUser("Matrix", "Owner", "en");
		String ownerTokenId = secondTokenId(owner);
		String pin = validPins(1, unique()).get(0);
		String path = pattern.replace("{personId}", owner.id()).replace("{tokenId}", ownerTokenId);
		String body = cell.row().body() == null ? "" : cell.row().body()
			.replace("{email}", "made." + unique() + "." + System.nanoTime() + "@example.com")
			.replace("{ownerEmail}", owner.email())
			.replace("{ownerExtension}", String.valueOf(owner.extension()))
			.replace("{ownerPhone}", String.valueOf(owner.phone()))
			.replace("{pin}", pin);

		boolean portalPage = !pattern.startsWith("/v1/") && !pattern.startsWith("/v3/") && !pattern.startsWith("/swagger-ui")
				&& !pattern.startsWith("/actuator/");
		String outcome = !portalPage ? api(method, path, body, cell.who(), owner)
				: portal(method, path, body, cell.who(), owner);

		assertThat(outcome).as("%s as %s", cell.endpoint(), cell.who()).isEqualTo(expected);
	}

	private String api(String method, String path, String body, Who who, TestPerson owner) {
		Map<String, String> headers = new LinkedHashMap<>();
		String token = switch (who) {
			case ANONYMOUS -> null;
			case OWNER -> owner.token();
			case ADMIN -> ADMIN_TOKEN;
			case USER -> caller(Who.USER).token();
			case OTHER_ADMIN -> caller(Who.OTHER_ADMIN).token();
		};
		if (token != null) {
			headers.put("Authorization", "Bearer " + token);
		}
		if (!method.equals("GET") && !method.equals("DELETE")) {
			headers.put("Content-Type", "application/json");
		}
		return String.valueOf(api.raw(method, path, headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).status());
	}

	private String portal(String method, String path, String body, Who who, TestPerson owner) {
		PortalClient portal = PortalClient.open(new LoopbackClient("127.0.0.9", port));
		String email = switch (who) {
			case ANONYMOUS -> null;
			case OWNER -> {
				PasswordFixtures.from(context).setPassword(owner.id(), PASSWORD);
				yield owner.email();
			}
			default -> {
				caller(who);
				yield emails.get(who);
			}
		};
		if (email != null) {
			assertThat(portal.signIn(email, PASSWORD, Map.of())).isEqualTo("profile");
		}
		Api.Response r;
		if (method.equals("GET")) {
			r = portal.get(path);
		}
		else if (body.startsWith("{")) {
			r = portal.postJson(path, body);
		}
		else {
			Map<String, String> form = new LinkedHashMap<>();
			for (String pair : body.split("&")) {
				if (!pair.isEmpty()) {
					form.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
				}
			}
			r = portal.post(path, form, Map.of());
		}
		String location = r.header("Location");
		if (r.status() == 302 && location != null && location.matches(".*/signin(\\?.*)?$")) {
			return "signin";
		}
		return String.valueOf(r.status());
	}

	/** The caller of that kind, made once: a token for the API, a password for the portal. */
	private TestPerson caller(Who who) {
		return callers.computeIfAbsent(who, kind -> {
			PasswordFixtures passwords = PasswordFixtures.from(context);
			return switch (kind) {
				case USER -> {
					TestPerson user = person("Matrix", "User", "en");
					passwords.setPassword(user.id(), PASSWORD);
					emails.put(kind, user.email());
					yield user;
				}
				case OTHER_ADMIN -> {
					DirectoryFixtures.NewOrganisation org = directory.organisationWithAdmin("Matrix " + UUID.randomUUID(), false);
					passwords.setPassword(org.adminId(), PASSWORD);
					emails.put(kind, passwords.emailOf(org.adminId()));
					yield new TestPerson(org.adminId().toString(), passwords.emailOf(org.adminId()), org.adminToken(), "Org",
							"Admin", null, null);
				}
				case ADMIN -> {
					emails.put(kind, passwords.bootstrapAdminWithPassword(PASSWORD));
					yield new TestPerson("", emails.get(kind), ADMIN_TOKEN, "", "", null, null);
				}
				default -> throw new IllegalArgumentException(kind.name());
			};
		});
	}

	/** A second token of the owner's, whose id the token paths name (the first one is what the owner calls with). */
	private String secondTokenId(TestPerson owner) {
		Api.Response r = api.post("/v1/people/" + owner.id() + "/tokens", ADMIN_TOKEN, java.util.Map.of("name", "second"));
		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		return r.json().get("id").asString();
	}
}
