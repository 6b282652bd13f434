package org.voxbox.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad request gets its 4xx — never a 5xx — in the Webex error shape, with the tracking id in both
 * the body and the {@code TrackingID} header.
 */
class BadRequestMatrixTest extends ApiTest {

	private static final int MB = 1024 * 1024;

	private static final String PEOPLE = "/v1/people";

	private static final String MY_PIN = "/v1/telephony/config/people/me/voicemail/pin";

	private static final String RULES = "/v1/telephony/config/voicemail/rules";

	private static final String TOKENS = "/v1/people/me/tokens";

	private static final String MALFORMED = "MALFORMED_BODY";

	/** Who sends the request: nobody, the administrator, a plain user, or a user with voicemail on. */
	enum Caller {
		NONE, ADMIN, USER, VOICEMAIL_USER
	}

	/**
	 * One bad request. In {@code path} and {@code body}, {@code {user}} is the calling (or a fresh) user's id and
	 * {@code {email}} a fresh email address.
	 *
	 * @param chunked send the body as a stream of unknown length (chunked transfer encoding)
	 */
	record Row(String name, Caller caller, String method, String path, Map<String, String> headers, byte[] body,
			boolean chunked, List<Integer> expected, @Nullable String code) {

		/** The same row, also expecting {@code code} as the first error's code. */
		Row code(String code) {
			return new Row(name, caller, method, path, headers, body, chunked, expected, code);
		}

		@Override
		public String toString() {
			return name;
		}
	}

	static Stream<Row> badRequests() {
		String validPerson = "{\"emails\":[\"{email}\"],\"firstName\":\"Valid\",\"lastName\":\"Person\"";
		// A PIN every rule accepts, so that only its JSON type can be the problem.
		String pin = validPins(1, 7L).get(0);
		return Stream.of(
				// Bodies that are not the JSON expected
				json("malformed JSON", Caller.ADMIN, "POST", PEOPLE, "{\"emails\":[\"a@example.com\"", 400).code(MALFORMED),
				json("malformed JSON in a PIN", Caller.VOICEMAIL_USER, "PUT", MY_PIN, "{passcode: " + pin + "}", 400)
					.code(MALFORMED),
				json("JSON array instead of object", Caller.ADMIN, "POST", PEOPLE, "[{\"emails\":[\"{email}\"]}]", 400)
					.code(MALFORMED),
				json("JSON string instead of object", Caller.ADMIN, "PUT", "/v1/people/{user}", "\"hello\"", 400).code(MALFORMED),
				json("JSON null", Caller.USER, "POST", TOKENS, "null", 400).code(MALFORMED),
				json("trailing garbage", Caller.USER, "POST", TOKENS, "{\"name\":\"a\"} trailing", 400).code(MALFORMED),
				json("emails as a string", Caller.ADMIN, "POST", PEOPLE, "{\"emails\":\"x\"}", 400).code(MALFORMED),
				// Scalar coercion is off: a number or boolean where a string belongs is refused, not turned into text.
				json("firstName as a number", Caller.ADMIN, "POST", PEOPLE,
						"{\"emails\":[\"{email}\"],\"firstName\":123,\"lastName\":\"Person\"}", 400).code(MALFORMED),
				json("firstName as a boolean", Caller.ADMIN, "POST", PEOPLE,
						"{\"emails\":[\"{email}\"],\"firstName\":true,\"lastName\":\"Person\"}", 400).code(MALFORMED),
				json("lastName as a decimal", Caller.ADMIN, "POST", PEOPLE,
						"{\"emails\":[\"{email}\"],\"firstName\":\"Valid\",\"lastName\":1.5}", 400).code(MALFORMED),
				json("extension as a number", Caller.ADMIN, "POST", PEOPLE, validPerson + ",\"extension\":1234}", 400)
					.code(MALFORMED),
				json("passcode as a number", Caller.VOICEMAIL_USER, "PUT", MY_PIN, "{\"passcode\":" + pin + "}", 400)
					.code(MALFORMED),
				json("token name as a number", Caller.USER, "POST", TOKENS, "{\"name\":42}", 400).code(MALFORMED),
				json("phoneNumbers as a string", Caller.ADMIN, "POST", PEOPLE, validPerson + ",\"phoneNumbers\":\"+31201234567\"}",
						400).code(MALFORMED),
				json("passcode as an object", Caller.VOICEMAIL_USER, "PUT", MY_PIN, "{\"passcode\":{\"pin\":\"" + pin + "\"}}", 400)
					.code(MALFORMED),
				json("enabled as a string", Caller.ADMIN, "PUT", "/v1/people/{user}/features/voicemail", "{\"enabled\":\"yes\"}",
						400).code(MALFORMED),
				json("enabled as a number", Caller.ADMIN, "PUT", "/v1/people/{user}/features/voicemail", "{\"enabled\":1}", 400)
					.code(MALFORMED),
				json("rules object as an array", Caller.ADMIN, "PUT", RULES, "{\"expirePasscode\":[]}", 400).code(MALFORMED),
				json("rule number as text", Caller.ADMIN, "PUT", RULES, "{\"failedAttempts\":{\"attempts\":\"many\"}}", 400)
					.code(MALFORMED),
				json("deeply nested JSON", Caller.ADMIN, "POST", PEOPLE, "[".repeat(100_000) + "]".repeat(100_000), 400)
					.code(MALFORMED),
				json("number too big", Caller.ADMIN, "PUT", RULES, "{\"failedAttempts\":{\"attempts\":" + "9".repeat(400) + "}}",
						400).code(MALFORMED),
				row("invalid UTF-8", Caller.ADMIN, "POST", PEOPLE, Map.of("Content-Type", "application/json"),
						new byte[] { '{', '"', 'e', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' }, 400),
				row("empty body", Caller.ADMIN, "POST", PEOPLE, Map.of("Content-Type", "application/json"), new byte[0], 400)
					.code(MALFORMED),
				row("empty PIN body", Caller.VOICEMAIL_USER, "PUT", MY_PIN, Map.of("Content-Type", "application/json"),
						new byte[0], 400).code(MALFORMED),
				// Size
				row("body over 1 MB with Content-Length", Caller.ADMIN, "POST", PEOPLE,
						Map.of("Content-Type", "application/json"), bigJson(MB + 1024), 413).code("PAYLOAD_TOO_LARGE"),
				new Row("body over 1 MB chunked", Caller.ADMIN, "POST", PEOPLE, Map.of("Content-Type", "application/json"),
						bigJson(MB + MB / 2), true, List.of(413), "PAYLOAD_TOO_LARGE"),
				new Row("body over 1 MB chunked, not JSON", Caller.USER, "POST", TOKENS,
						Map.of("Content-Type", "application/json"), filled(MB + MB / 2, (byte) ' '), true, List.of(413),
						"PAYLOAD_TOO_LARGE"),
				row("header over 16 kB", Caller.ADMIN, "GET", "/v1/people/me", Map.of("X-Padding", "p".repeat(20 * 1024)),
						new byte[0], 400, 431),
				// Content types
				row("text/plain", Caller.ADMIN, "POST", PEOPLE, Map.of("Content-Type", "text/plain"),
						"{\"emails\":[\"{email}\"]}".getBytes(StandardCharsets.UTF_8), 415).code("UNSUPPORTED_MEDIA_TYPE"),
				row("application/xml", Caller.ADMIN, "POST", PEOPLE, Map.of("Content-Type", "application/xml"),
						"<person/>".getBytes(StandardCharsets.UTF_8), 415).code("UNSUPPORTED_MEDIA_TYPE"),
				row("no content type", Caller.USER, "POST", TOKENS, Map.of(), "{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8),
						415),
				row("form instead of JSON", Caller.VOICEMAIL_USER, "PUT", MY_PIN,
						Map.of("Content-Type", "application/x-www-form-urlencoded"),
						("passcode=" + pin).getBytes(StandardCharsets.UTF_8), 415),
				row("unparseable content type", Caller.ADMIN, "POST", PEOPLE, Map.of("Content-Type", "not a type"),
						"{}".getBytes(StandardCharsets.UTF_8), 415),
				// Paths and methods
				get("unknown path", Caller.ADMIN, "/v1/nothing/here", 404).code("NOT_FOUND"),
				get("unknown path below a person", Caller.ADMIN, "/v1/people/{user}/nothing", 404),
				row("DELETE on the rules", Caller.ADMIN, "DELETE", RULES, Map.of(), new byte[0], 405).code("METHOD_NOT_ALLOWED"),
				row("PATCH on people", Caller.ADMIN, "PATCH", PEOPLE, Map.of("Content-Type", "application/json"),
						"{}".getBytes(StandardCharsets.UTF_8), 405),
				row("POST on me", Caller.USER, "POST", "/v1/people/me", Map.of("Content-Type", "application/json"),
						"{}".getBytes(StandardCharsets.UTF_8), 405),
				// Authentication
				get("no Authorization", Caller.NONE, "/v1/people/me", 401).code("UNAUTHENTICATED"),
				json("no Authorization on a write", Caller.NONE, "POST", PEOPLE, "{\"emails\":[\"{email}\"]}", 401),
				auth("Bearer without a token", "Bearer"),
				auth("Bearer with an empty token", "Bearer "),
				auth("Bearer with an unknown token", "Bearer vbx_" + "A".repeat(43)),
				auth("Bearer with 10 kB", "Bearer " + "a".repeat(10 * 1024)),
				auth("Basic with bad Base64", "Basic !!!"),
				auth("Basic without a colon", "Basic " + java.util.Base64.getEncoder().encodeToString("nobody".getBytes())),
				auth("Digest", "Digest x"),
				auth("just a word", "x"),
				// Unknown ids
				get("garbage person id", Caller.ADMIN, "/v1/people/garbage", 404).code("NOT_FOUND"),
				get("token id as a person id", Caller.ADMIN, "/v1/people/" + PublicId.TOKEN.encode(UUID.randomUUID()), 404),
				get("organisation id as a person id", Caller.ADMIN,
						"/v1/people/" + PublicId.ORGANIZATION.encode(UUID.randomUUID()), 404),
				get("raw UUID as a person id", Caller.ADMIN, "/v1/people/" + UUID.randomUUID(), 404),
				get("2000-character id", Caller.ADMIN, "/v1/people/" + "A".repeat(2000), 404),
				get("id with %00", Caller.ADMIN, "/v1/people/abc%00def", 400, 404),
				get("id with ..%2F", Caller.ADMIN, "/v1/people/..%2F..%2Factuator%2Fenv", 400, 404),
				get("id with %2e%2e", Caller.ADMIN, "/v1/people/%2e%2e/%2e%2e/actuator/env", 400, 404),
				get("id with %25", Caller.ADMIN, "/v1/people/abc%25def", 400, 404),
				get("id with a backslash", Caller.ADMIN, "/v1/people/abc%5Cdef", 400, 404),
				get("garbage id for voicemail settings", Caller.ADMIN, "/v1/people/garbage/features/voicemail", 404),
				json("garbage id for a PIN", Caller.ADMIN, "PUT", "/v1/telephony/config/people/garbage/voicemail/passcode",
						"{\"passcode\":\"" + pin + "\"}", 404),
				json("garbage id for a PIN reset", Caller.ADMIN, "POST",
						"/v1/people/garbage/features/voicemail/actions/resetPin/invoke", "{}", 404),
				row("garbage token id", Caller.USER, "DELETE", TOKENS + "/garbage", Map.of(), new byte[0], 404),
				// Query parameters
				get("max=0", Caller.ADMIN, "/v1/people?max=0", 400),
				get("max=abc", Caller.ADMIN, "/v1/people?max=abc", 400),
				get("max=1001", Caller.ADMIN, "/v1/people?max=1001", 400),
				get("max beyond int", Caller.ADMIN, "/v1/people?max=99999999999", 400),
				get("start=-1", Caller.ADMIN, "/v1/people?start=-1", 400),
				get("audit from=notadate", Caller.ADMIN, "/v1/adminAudit/events?from=notadate", 400),
				get("audit to=2026", Caller.ADMIN, "/v1/adminAudit/events?to=2026", 400),
				get("audit max=0", Caller.ADMIN, "/v1/adminAudit/events?max=0", 400),
				get("audit start=x", Caller.ADMIN, "/v1/adminAudit/events?start=x", 400),
				// What the client accepts: the error still comes as JSON, the only type the API speaks.
				row("Accept: application/xml", Caller.USER, "GET", "/v1/people/me", Map.of("Accept", "application/xml"),
						new byte[0], 406).code("NOT_ACCEPTABLE"),
				row("Accept: application/xml on a failing write", Caller.ADMIN, "PUT", "/v1/people/garbage/features/voicemail",
						Map.of("Accept", "application/xml", "Content-Type", "application/json"),
						"{\"enabled\":true}".getBytes(StandardCharsets.UTF_8), 404).code("NOT_FOUND"),
				row("Accept: application/xml on a rejected path", Caller.ADMIN, "GET", "/v1/people/%2e%2e/%2e%2e/actuator/env",
						Map.of("Accept", "application/xml"), new byte[0], 400, 404));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void badRequestGetsItsClientErrorInTheWebexShape(Row row) {
		Api.Response r = send(row);

		assertThat(r.status()).as("%s -> %s", row.name(), r).isNotEqualTo(500).isBetween(400, 499);
		assertThat(r.status()).as("%s -> %s", row.name(), r).isIn(row.expected());
		assertWebexError(row.name(), r);
		if (row.code() != null) {
			assertThat(r.codes()).as("%s -> %s", row.name(), r).first().isEqualTo(row.code());
		}
		if (r.status() == 401) {
			assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
		}
	}

	@Test
	void plainClientTrackingIdIsEchoed() {
		String mine = "CLIENT_" + UUID.randomUUID();

		Api.Response ok = api.raw("GET", "/v1/people/me", Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "TrackingID", mine),
				new byte[0]);
		Api.Response failed = api.raw("GET", "/v1/people/garbage",
				Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "TrackingID", mine), new byte[0]);

		assertThat(ok.status()).isEqualTo(200);
		assertThat(ok.header("TrackingID")).isEqualTo(mine);
		assertThat(failed.status()).isEqualTo(404);
		assertThat(failed.header("TrackingID")).isEqualTo(mine);
		assertThat(failed.json().get("trackingId").asString()).isEqualTo(mine);
	}

	@Test
	void unsafeClientTrackingIdIsReplaced() {
		for (String unsafe : List.of("has spaces in it", "x".repeat(129), "<script>alert(1)</script>", "a\"b", "ünïcode")) {
			Api.Response r = api.raw("GET", "/v1/people/garbage",
					Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "TrackingID", unsafe), new byte[0]);

			assertThat(r.status()).isEqualTo(404);
			assertThat(r.header("TrackingID")).as(unsafe).isNotEqualTo(unsafe).startsWith("VOXBOX_");
			assertWebexError(r);
		}
	}

	@Test
	void everyResponseHasAFreshTrackingId() {
		Api.Response a = api.get("/v1/people/me", ADMIN_TOKEN);
		Api.Response b = api.get("/v1/people/me", ADMIN_TOKEN);

		assertThat(a.header("TrackingID")).startsWith("VOXBOX_");
		assertThat(b.header("TrackingID")).startsWith("VOXBOX_").isNotEqualTo(a.header("TrackingID"));
	}

	@Test
	void randomBodiesNeverCauseAServerError() {
		TestPerson user = voicemailUser("Fuzz", "Target", "en");
		List<String[]> targets = List.of(new String[] { "POST", PEOPLE, ADMIN_TOKEN },
				new String[] { "PUT", "/v1/people/" + user.id(), ADMIN_TOKEN },
				new String[] { "PUT", "/v1/people/" + user.id(), user.token() },
				new String[] { "PUT", MY_PIN, user.token() },
				new String[] { "POST", MY_PIN + "/actions/validate/invoke", user.token() },
				new String[] { "PUT", "/v1/people/" + user.id() + "/features/voicemail", user.token() },
				new String[] { "POST", TOKENS, user.token() });
		SplittableRandom random = new SplittableRandom(20_261_125L);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 210; i++) {
			String[] target = targets.get(i % targets.size());
			byte[] body = i % 2 == 0 ? randomBytes(random) : randomJsonish(random);
			Api.Response r = api.raw(target[0], target[1],
					Map.of("Authorization", "Bearer " + target[2], "Content-Type", "application/json"), body);
			if (r.status() >= 500) {
				failures.add(target[0] + " " + target[1] + " " + Arrays.toString(body) + " -> " + r);
			}
			else if (r.status() >= 400) {
				assertWebexError(r);
			}
		}
		assertThat(failures).isEmpty();
		assertThat(api.get("/v1/people/me", user.token()).status()).as("the user still works").isEqualTo(200);
	}

	private Api.Response send(Row row) {
		boolean needsUser = row.path().contains("{user}") || row.caller() == Caller.USER
				|| row.caller() == Caller.VOICEMAIL_USER;
		TestPerson user = !needsUser ? null
				: row.caller() == Caller.VOICEMAIL_USER ? voicemailUser("Matrix", "User", "en") : person("Matrix", "User", "en");
		String path = user == null ? row.path() : row.path().replace("{user}", user.id());
		byte[] body = new String(row.body(), StandardCharsets.ISO_8859_1)
			.replace("{email}", "matrix." + unique() + "." + System.nanoTime() + "@example.com")
			.getBytes(StandardCharsets.ISO_8859_1);
		Map<String, String> headers = new LinkedHashMap<>(row.headers());
		switch (row.caller()) {
			case ADMIN -> headers.put("Authorization", "Bearer " + ADMIN_TOKEN);
			case USER, VOICEMAIL_USER -> headers.put("Authorization", "Bearer " + user.token());
			case NONE -> {
			}
		}
		return row.chunked() ? chunked(row.method(), path, headers, body) : api.raw(row.method(), path, headers, body);
	}

	/** Sends the body from a stream, so that its length is not declared and it goes out chunked. */
	private Api.Response chunked(String method, String path, Map<String, String> headers, byte[] body) {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
		headers.forEach(request::header);
		try {
			HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Api.Response(r.statusCode(), r.headers().map(), r.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void assertWebexError(Api.Response r) {
		assertWebexError("", r);
	}

	/** The Webex error shape, as JSON, with the tracking id in the header and the body alike. */
	private static void assertWebexError(String label, Api.Response r) {
		String what = label + " -> " + r;
		assertThat(r.header("Content-Type")).as(what).isNotNull().startsWith("application/json");
		JsonNode json = r.json();
		assertThat(json.get("message").asString()).as(what).isNotBlank();
		assertThat(json.get("errors").isArray()).as(what).isTrue();
		assertThat(json.get("errors").size()).as(what).isGreaterThanOrEqualTo(1);
		json.get("errors").forEach(e -> {
			assertThat(e.get("errorCode").isInt()).as(what).isTrue();
			assertThat(e.get("errorCode").asInt()).as(what).isPositive();
			assertThat(e.get("code").asString()).as(what).isNotBlank();
			assertThat(e.get("description").asString()).as(what).isNotBlank();
		});
		json.get("errors").forEach(e -> {
			// A generic code carries its own number and status.
			if (Arrays.stream(ErrorCode.values()).anyMatch(c -> c.name().equals(e.get("code").asString()))) {
				ErrorCode code = ErrorCode.valueOf(e.get("code").asString());
				assertThat(e.get("errorCode").asInt()).as(what).isEqualTo(code.number());
				assertThat(r.status()).as(what).isEqualTo(code.status().value());
			}
		});
		String trackingId = json.get("trackingId").asString();
		assertThat(trackingId).as(what).isNotBlank();
		assertThat(r.header("TrackingID")).as(what).isEqualTo(trackingId);
	}

	private static Row row(String name, Caller caller, String method, String path, Map<String, String> headers, byte[] body,
			Integer... expected) {
		return new Row(name, caller, method, path, headers, body, false, List.of(expected), null);
	}

	private static Row json(String name, Caller caller, String method, String path, String body, Integer... expected) {
		return row(name, caller, method, path, Map.of("Content-Type", "application/json"),
				body.getBytes(StandardCharsets.UTF_8), expected);
	}

	private static Row get(String name, Caller caller, String path, Integer... expected) {
		return row(name, caller, "GET", path, Map.of(), new byte[0], expected);
	}

	private static Row auth(String name, String authorization) {
		return row(name, Caller.NONE, "GET", "/v1/people/me", Map.of("Authorization", authorization), new byte[0], 401);
	}

	/** A syntactically valid person whose last name is long enough to make the body {@code size} bytes. */
	private static byte[] bigJson(int size) {
		String head = "{\"emails\":[\"big@example.com\"],\"firstName\":\"Big\",\"lastName\":\"";
		String tail = "\"}";
		return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] filled(int size, byte b) {
		byte[] bytes = new byte[size];
		Arrays.fill(bytes, b);
		return bytes;
	}

	private static byte[] randomBytes(SplittableRandom random) {
		byte[] bytes = new byte[random.nextInt(1, 300)];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		return bytes;
	}

	private static final String[] FRAGMENTS = { "{", "}", "[", "]", ",", ":", "\"", "\"emails\"", "\"firstName\"",
			"\"lastName\"", "\"phoneNumbers\"", "\"extension\"", "\"language\"", "\"role\"", "\"passcode\"",
			"\"confirmPasscode\"", "\"enabled\"", "\"name\"", "\"value\"", "\"type\"", "\"a@b.example\"", "\"+31201234567\"",
			"\"nl\"", "\"ADMIN\"", "\"USER\"", "\"135792\"", "\"\"", "null", "true", "false", "0", "-1", "1e309", "123456",
			"9223372036854775808", "\"\\u0000\"", "\"\\ud800\"", "\"\\\"", "\\", "/*", "*/", " ", "\n", "\u00e9", "\uffff" };

	/** Text made of JSON pieces and field names, so that some of it gets past the parser. */
	private static byte[] randomJsonish(SplittableRandom random) {
		StringBuilder text = new StringBuilder(random.nextBoolean() ? "{" : "");
		int n = random.nextInt(1, 40);
		for (int i = 0; i < n; i++) {
			text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}
}
