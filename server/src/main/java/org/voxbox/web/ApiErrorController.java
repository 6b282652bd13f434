package org.voxbox.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatch (a request rejected before Spring MVC saw it) in the Webex
 * error shape instead of a whitelabel page. A request for {@code /error} itself, which no error dispatched (it
 * carries no status), is 404: there is no such page, and nothing failed.
 */
@RestController
class ApiErrorController implements ErrorController {

	private final ApiErrors errors;

	ApiErrorController(ApiErrors errors) {
		this.errors = errors;
	}

	/** Browsers asking for a portal page get the HTML error page; the API keeps its JSON. */
	@RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
	Object page(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path && path.startsWith("/v1/")) {
			return error(request);
		}
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		ErrorCode error = ErrorCode.forStatus(status instanceof Integer i ? i : 404);
		return PortalErrors.page(error.status(), errors.text(error), request);
	}

	@RequestMapping("/error")
	ResponseEntity<ApiError> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int code = status instanceof Integer i ? i : 404;
		ErrorCode error = ErrorCode.forStatus(code);
		return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON)
			.body(errors.body(error, LocaleContextHolder.getLocale(), request));
	}
}
