package org.voxbox.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API-wide web settings ({@code voxbox.web.*}).
 *
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * @param trustedProxies comma-separated IP networks in CIDR notation ({@code 10.0.0.0/8, 192.0.2.7/32}) of the
 * reverse proxies in front of Voxbox. Only a request whose transport address is in one of them has its
 * {@code X-Forwarded-For} (the client address, for the sign-in throttle) and {@code X-Forwarded-Proto} believed;
 * empty (the default) believes no one. {@code application.yaml} hands the same string to Tomcat's
 * {@code RemoteIpValve} as {@code server.tomcat.remoteip.internal-proxies}, which does the work; this record
 * refuses anything that the valve would not read as networks (a host name, a bare address, a regular expression)
 * @param metricsFrom comma-separated IP networks in CIDR notation from which {@code /actuator/prometheus} may be
 * scraped without a token (by the client address as Tomcat resolved it); from elsewhere only with an
 * administrator's token. Default loopback only; empty means a token always
 */
@ConfigurationProperties("voxbox.web")
public record WebSettings(@DefaultValue("1048576") long maxRequestBytes, @DefaultValue("") String trustedProxies,
		@DefaultValue("127.0.0.0/8, ::1/128") String metricsFrom) {

	public WebSettings {
		if (maxRequestBytes < 1024) {
			throw new IllegalArgumentException("voxbox.web.max-request-bytes must be at least 1024: " + maxRequestBytes);
		}
		networks(trustedProxies).forEach(cidr -> requireNetwork("trusted-proxies", cidr));
		networks(metricsFrom).forEach(cidr -> requireNetwork("metrics-from", cidr));
	}

	/** The networks of {@link #metricsFrom()}. */
	public List<String> metricsNetworks() {
		return networks(metricsFrom);
	}

	/** The entries of a comma-separated list, blanks dropped. */
	static List<String> networks(String list) {
		return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static void requireNetwork(String setting, String cidr) {
		int slash = cidr.indexOf('/');
		String host = slash < 0 ? "" : cidr.substring(0, slash);
		String bits = slash < 0 ? "" : cidr.substring(slash + 1);
		// Only an IP literal: InetAddress then parses it and never asks DNS.
		if (host.matches("[0-9a-fA-F.:]+") && bits.matches("[0-9]{1,3}")) {
			try {
				int length = InetAddress.getByName(host).getAddress().length * 8;
				if (Integer.parseInt(bits) <= length) {
					return;
				}
			}
			catch (UnknownHostException notAnAddress) {
				// refused below
			}
		}
		throw new IllegalArgumentException(
				"voxbox.web." + setting + " must be IP networks such as 10.0.0.0/8 or 192.0.2.7/32: " + cidr);
	}
}
