package org.voxbox.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures in portal pages: the same {@link ApiException}s the API answers as JSON are shown as an HTML error
 * page with their status (404 for another person's page, 403, 429 …). Runs after the API's handler, which
 * takes every {@code @RestController}.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PortalErrors {

	private static final Logger log = LoggerFactory.getLogger(PortalErrors.class);

	private final ApiErrors errors;

	PortalErrors(ApiErrors errors) {
		this.errors = errors;
	}

	static ModelAndView page(HttpStatusCode status, String message, HttpServletRequest request) {
		ModelAndView page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("message", message);
		page.addObject("trackingId", TrackingIds.of(request));
		return page;
	}

	@ExceptionHandler(ApiException.class)
	ModelAndView api(ApiException ex, HttpServletRequest request) {
		return page(ex.status(), ex.getMessage(), request);
	}

	@ExceptionHandler(Exception.class)
	ModelAndView other(Exception ex, HttpServletRequest request) throws Exception {
		if (ex instanceof ErrorResponse spring) {
			ErrorCode code = ErrorCode.forStatus(spring.getStatusCode().value());
			return page(code.status(), errors.text(code), request);
		}
		if (ex instanceof org.springframework.security.access.AccessDeniedException
				|| ex instanceof org.springframework.security.core.AuthenticationException) {
			throw ex; // Spring Security's own handling (sign-in redirect, 403)
		}
		log.error("unexpected failure in a portal page [trackingId={}]", TrackingIds.of(request), ex);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, errors.text(ErrorCode.INTERNAL), request);
	}
}
