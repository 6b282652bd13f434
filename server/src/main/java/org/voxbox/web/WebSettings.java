package org.voxbox.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API-wide web settings ({@code voxbox.web.*}).
 *
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("voxbox.web")
public record WebSettings(@DefaultValue("1048576") long maxRequestBytes) {

	public WebSettings {
		if (maxRequestBytes < 1024) {
			throw new IllegalArgumentException("voxbox.web.max-request-bytes must be at least 1024: " + maxRequestBytes);
		}
	}
}
