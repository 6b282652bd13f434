package org.voxbox.web;

import org.springframework.http.HttpStatus;

/** The generic problems every endpoint can answer with, with their stable numbers. */
public enum ErrorCode {

	BAD_REQUEST(HttpStatus.BAD_REQUEST, 4000),
	MALFORMED_BODY(HttpStatus.BAD_REQUEST, 4001),
	INVALID_FIELD(HttpStatus.BAD_REQUEST, 4002),
	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, 4010),
	FORBIDDEN(HttpStatus.FORBIDDEN, 4030),
	VOICEMAIL_NOT_ENABLED(HttpStatus.FORBIDDEN, 4031),
	PASSWORD_CHANGE_REQUIRED(HttpStatus.FORBIDDEN, 4032),
	NOT_FOUND(HttpStatus.NOT_FOUND, 4040),
	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, 4050),
	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, 4060),
	CONFLICT(HttpStatus.CONFLICT, 4090),
	PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, 4130),
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 4150),
	LOCKED(HttpStatus.LOCKED, 4230),
	TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, 4290),
	INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, 5000),
	UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, 5030);

	private final HttpStatus status;

	private final int number;

	ErrorCode(HttpStatus status, int number) {
		this.status = status;
		this.number = number;
	}

	public HttpStatus status() {
		return status;
	}

	public int number() {
		return number;
	}

	/** A caller-facing exception with this code and message. */
	public ApiException exception(String message) {
		return new ApiException(status, number, name(), message);
	}

	static ErrorCode forStatus(int status) {
		for (ErrorCode code : values()) {
			if (code.status.value() == status) {
				return code;
			}
		}
		return status >= 500 ? INTERNAL : BAD_REQUEST;
	}
}
