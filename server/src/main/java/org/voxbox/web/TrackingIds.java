package org.voxbox.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a tracking id: the client's {@code TrackingID} header when it is short and plain, else a
 * fresh one. It is echoed in the response header, in error bodies and in the log context.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TrackingIds extends OncePerRequestFilter {

	static final String HEADER = "TrackingID";

	private static final String ATTRIBUTE = TrackingIds.class.getName();

	private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

	static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		if (id instanceof String s) {
			return s;
		}
		String fresh = "VOXBOX_" + UUID.randomUUID();
		request.setAttribute(ATTRIBUTE, fresh);
		return fresh;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = given != null && PLAIN.matcher(given).matches() ? given : "VOXBOX_" + UUID.randomUUID();
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(HEADER, id);
		MDC.put("trackingId", id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("trackingId");
		}
	}
}
