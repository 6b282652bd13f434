package org.voxbox.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.voxbox.Api;
import org.voxbox.ApiTest;
import org.voxbox.LoopbackClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator can close: Prometheus metrics are scraped without a token only from {@code voxbox.web.metrics-from}
 * (here 127.0.0.2 alone; by default loopback, see {@link PlatformEndpointsTest}), by transport address — a forged
 * {@code X-Forwarded-For} does not help — and from elsewhere only with an administrator's token; springdoc's own
 * settings switch the API documentation off.
 */
@TestPropertySource(properties = { "voxbox.web.metrics-from=127.0.0.2/32", "springdoc.api-docs.enabled=false",
		"springdoc.swagger-ui.enabled=false" })
class ExposureTest extends ApiTest {

	private static final String METRICS = "/actuator/prometheus";

	@Test
	void metricsAreOpenToTheListedNetwork() {
		Api.Response r = new LoopbackClient("127.0.0.2", port).get(METRICS, Map.of());

		assertThat(r.status()).as(r.toString()).isEqualTo(200);
		assertThat(r.text()).contains("jvm_memory");
	}

	@Test
	void metricsFromElsewhereNeedAnAdministratorsToken() {
		LoopbackClient elsewhere = new LoopbackClient("127.0.0.3", port);
		TestPerson user = person("Metric", "Reader", "en");

		Api.Response anonymous = elsewhere.get(METRICS, Map.of());
		Api.Response forged = elsewhere.get(METRICS, Map.of("X-Forwarded-For", "127.0.0.2"));
		Api.Response asUser = elsewhere.get(METRICS, Map.of("Authorization", "Bearer " + user.token()));
		Api.Response asAdmin = elsewhere.get(METRICS, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));

		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
		assertThat(anonymous.text()).doesNotContain("jvm_memory");
		assertThat(forged.status()).as(forged.toString()).isEqualTo(401);
		assertThat(asUser.status()).as(asUser.toString()).isEqualTo(403);
		assertThat(asUser.text()).doesNotContain("jvm_memory");
		assertThat(asAdmin.status()).as(asAdmin.toString()).isEqualTo(200);
		assertThat(asAdmin.text()).contains("jvm_memory");
	}

	@Test
	void healthStaysOpenFromAnywhere() {
		Api.Response r = new LoopbackClient("127.0.0.3", port).get("/actuator/health", Map.of());

		assertThat(r.status()).as(r.toString()).isEqualTo(200);
	}

	@Test
	void apiDocumentationCanBeSwitchedOff() {
		for (String path : new String[] { "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html" }) {
			Api.Response r = api.get(path, null);
			assertThat(r.status()).as(path + " -> " + r).isEqualTo(404);
		}
	}
}
