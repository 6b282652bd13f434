package org.voxbox.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Translates every failure inside Spring MVC to the Webex error shape, once. Client mistakes get their 4xx;
 * only a real fault of ours is a 500, logged with its tracking id.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ApiErrors errors;

	ApiExceptionHandler(ApiErrors errors) {
		this.errors = errors;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ApiError> api(ApiException ex, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		ex.headers().forEach(headers::add);
		return ResponseEntity.status(ex.status()).headers(headers).contentType(MediaType.APPLICATION_JSON)
			.body(errors.body(ex, request));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
		if (causedBy(ex, RequestSizeLimit.TooLarge.class)) {
			return generic(ErrorCode.PAYLOAD_TOO_LARGE, request);
		}
		return generic(ErrorCode.MALFORMED_BODY, request);
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<ApiError> invalid(MethodArgumentNotValidException ex, HttpServletRequest request) {
		List<ApiError.Detail> details = ex.getBindingResult().getFieldErrors().stream()
			.map(f -> new ApiError.Detail(ErrorCode.INVALID_FIELD.number(), ErrorCode.INVALID_FIELD.name(),
					f.getField() + ": " + f.getDefaultMessage()))
			.toList();
		return respond(new ApiException(ErrorCode.INVALID_FIELD.status(), errors.text(ErrorCode.INVALID_FIELD), details), request);
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, HandlerMethodValidationException.class })
	ResponseEntity<ApiError> badParameter(Exception ex, HttpServletRequest request) {
		return generic(ErrorCode.BAD_REQUEST, request);
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ApiError> duplicate(DuplicateKeyException ex, HttpServletRequest request) {
		return generic(ErrorCode.CONFLICT, request);
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ApiError> integrity(DataIntegrityViolationException ex, HttpServletRequest request) {
		return generic(ErrorCode.CONFLICT, request);
	}

	@ExceptionHandler({ TransientDataAccessException.class, PessimisticLockingFailureException.class })
	ResponseEntity<ApiError> busy(org.springframework.dao.DataAccessException ex, HttpServletRequest request) {
		log.warn("database busy: {}", ex.getMostSpecificCause().getClass().getSimpleName());
		return ResponseEntity.status(ErrorCode.UNAVAILABLE.status()).header(HttpHeaders.RETRY_AFTER, "1")
			.contentType(MediaType.APPLICATION_JSON)
			.body(errors.body(ErrorCode.UNAVAILABLE, LocaleContextHolder.getLocale(), request));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ApiError> other(Exception ex, HttpServletRequest request) {
		if (ex instanceof ErrorResponse spring) {
			HttpStatusCode status = spring.getStatusCode();
			return generic(ErrorCode.forStatus(status.value()), request);
		}
		if (causedBy(ex, RequestSizeLimit.TooLarge.class)) {
			return generic(ErrorCode.PAYLOAD_TOO_LARGE, request);
		}
		log.error("unexpected failure [trackingId={}]", TrackingIds.of(request), ex);
		return generic(ErrorCode.INTERNAL, request);
	}

	private ResponseEntity<ApiError> respond(ApiException ex, HttpServletRequest request) {
		return ResponseEntity.status(ex.status()).contentType(MediaType.APPLICATION_JSON).body(errors.body(ex, request));
	}

	private ResponseEntity<ApiError> generic(ErrorCode code, HttpServletRequest request) {
		return ResponseEntity.status(code.status()).contentType(MediaType.APPLICATION_JSON)
			.body(errors.body(code, LocaleContextHolder.getLocale(), request));
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}
}
