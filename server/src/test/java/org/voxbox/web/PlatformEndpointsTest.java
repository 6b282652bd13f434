package org.voxbox.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What runs beside the API: health, metrics, the API documentation, and what stays closed. */
class PlatformEndpointsTest extends ApiTest {

	@Test
	void healthIsUpWithoutAuthentication() {
		Api.Response health = api.get("/actuator/health", null);

		assertThat(health.status()).as(health.toString()).isEqualTo(200);
		assertThat(health.header("Content-Type")).contains("json");
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(health.json().get("components")).as("no details for anonymous callers").isNull();
	}

	@Test
	void livenessAndReadinessProbesAreUp() {
		for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
			Api.Response r = api.get(probe, null);
			assertThat(r.status()).as(probe + " -> " + r).isEqualTo(200);
			assertThat(r.json().get("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void prometheusScrapesJvmAndHttpMetricsWithoutAuthentication() {
		assertThat(api.get("/v1/people/me", ADMIN_TOKEN).status()).isEqualTo(200);

		Api.Response metrics = api.get("/actuator/prometheus", null);

		assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
		assertThat(metrics.header("Content-Type")).startsWith("text/plain");
		assertThat(metrics.text()).contains("jvm_memory").contains("http_server_requests")
			.containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/people/me\"");
	}

	@Test
	void openApiDescribesThePublicPaths() {
		Api.Response docs = api.get("/v3/api-docs", null);

		assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
		assertThat(docs.header("Content-Type")).contains("json");
		JsonNode json = docs.json();
		assertThat(json.get("openapi").asString()).startsWith("3.");
		JsonNode paths = json.get("paths");
		assertThat(paths.has("/v1/people")).as("paths: %s", paths.propertyNames()).isTrue();
		assertThat(paths.has("/v1/telephony/config/voicemail/rules")).isTrue();
		assertThat(paths.has("/v1/telephony/config/people/me/voicemail/pin")).isTrue();
		assertThat(paths.has("/v1/people/me/tokens")).isTrue();
		assertThat(paths.get("/v1/people").has("post")).isTrue();
		assertThat(paths.get("/v1/telephony/config/voicemail/rules").has("put")).isTrue();
	}

	@Test
	void swaggerUiIsReachable() throws Exception {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5)).build();

		HttpResponse<String> viaShortcut = get(http, "/swagger-ui.html");
		HttpResponse<String> index = get(http, "/swagger-ui/index.html");

		assertThat(viaShortcut.statusCode()).isEqualTo(200);
		assertThat(viaShortcut.uri().getPath()).isEqualTo("/swagger-ui/index.html");
		assertThat(index.statusCode()).isEqualTo(200);
		assertThat(index.body()).containsIgnoringCase("swagger");
		assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
	}

	@Test
	void environmentEndpointIsNotExposed() {
		Api.Response anonymous = api.get("/actuator/env", null);
		Api.Response admin = api.get("/actuator/env", ADMIN_TOKEN);

		assertThat(anonymous.status()).as(anonymous.toString()).isIn(401, 404);
		assertThat(admin.status()).as(admin.toString()).isEqualTo(404);
		assertThat(admin.text()).doesNotContain("voxbox.directory").doesNotContain(ADMIN_TOKEN);
		for (String closed : new String[] { "/actuator/beans", "/actuator/configprops", "/actuator/heapdump",
				"/actuator/loggers", "/actuator/threaddump", "/actuator/mappings" }) {
			assertThat(api.get(closed, ADMIN_TOKEN).status()).as(closed).isEqualTo(404);
		}
	}

	@Test
	void actuatorIndexListsOnlyHealthAndPrometheus() {
		Api.Response index = api.get("/actuator", ADMIN_TOKEN);

		assertThat(index.status()).as(index.toString()).isEqualTo(200);
		assertThat(index.json().get("_links").propertyNames()).allMatch(name -> name.equals("self")
				|| name.startsWith("health") || name.equals("prometheus"));
	}

	private HttpResponse<String> get(HttpClient http, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
