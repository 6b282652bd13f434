package org.voxbox.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller can act on, answered in the Webex error shape with its own status. Modules name
 * their failures by extending this class ({@code PinRejected}, {@code PersonNotFound}); the web edge
 * translates them once. The message and descriptions are shown to the caller: they must never carry a
 * secret.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final List<ApiError.Detail> errors;

	private final Map<String, String> headers;

	public ApiException(HttpStatus status, String message, List<ApiError.Detail> errors) {
		this(status, message, errors, Map.of());
	}

	public ApiException(HttpStatus status, String message, List<ApiError.Detail> errors, Map<String, String> headers) {
		super(message, null, false, false);
		if (!status.is4xxClientError()) {
			throw new IllegalArgumentException("an ApiException is a client error: " + status);
		}
		this.status = status;
		this.errors = List.copyOf(errors);
		this.headers = Map.copyOf(headers);
	}

	/** One error entry whose description is the message itself. */
	public ApiException(HttpStatus status, int errorCode, String code, String message) {
		this(status, message, List.of(new ApiError.Detail(errorCode, code, message)));
	}

	public HttpStatus status() {
		return status;
	}

	public List<ApiError.Detail> errors() {
		return errors;
	}

	public Map<String, String> headers() {
		return headers;
	}
}
