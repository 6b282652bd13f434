package org.voxbox.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code voxbox.web.trusted-proxies} takes only what Tomcat's RemoteIpValve reads as networks: with a prefix length
 * on every entry, the valve never falls back to reading the value as a regular expression.
 */
class WebSettingsTest {

	@Test
	void trustedProxiesAreIpNetworks() {
		assertThat(new WebSettings(1024, "10.0.0.0/8, 192.0.2.7/32,::1/128 , 2001:db8::/32", "").trustedProxies()).isNotEmpty();
		assertThat(new WebSettings(1024, "", "").trustedProxies()).isEmpty();
	}

	@Test
	void anythingElseIsRefusedWithTheValueNamed() {
		for (String bad : new String[] { "10.0.0.5", "proxy.example.com/32", "10\\.0\\..*", "10.0.0.0/33", "::1/129",
				"10.0.0.0/8, 192.168.1.1", "10.0.0.0/x" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new WebSettings(1024, bad, ""))
				.withMessageContaining("voxbox.web.trusted-proxies");
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> new WebSettings(1024, "", bad))
				.withMessageContaining("voxbox.web.metrics-from");
		}
	}

	@Test
	void metricsNetworksAreTheListedOnes() {
		assertThat(new WebSettings(1024, "", "127.0.0.0/8, ::1/128").metricsNetworks()).containsExactly("127.0.0.0/8",
				"::1/128");
		assertThat(new WebSettings(1024, "", " ").metricsNetworks()).isEmpty();
	}
}
