package org.voxbox.pin;

import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.voxbox.web.ApiException;
import org.voxbox.web.ErrorCode;
import org.voxbox.web.Texts;

/** The PIN module's other caller-facing failures. */
final class PinErrors {

	private PinErrors() {
	}

	static ApiException busy(Locale locale, long retryAfterSeconds) {
		String text = Texts.get("pin", "error.busy", locale);
		return new ApiException(HttpStatus.TOO_MANY_REQUESTS, text,
				java.util.List.of(new org.voxbox.web.ApiError.Detail(ErrorCode.TOO_MANY_REQUESTS.number(),
						ErrorCode.TOO_MANY_REQUESTS.name(), text)),
				Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
	}

	static ApiException locked(Locale locale) {
		return ErrorCode.LOCKED.exception(Texts.get("pin", "error.locked", locale));
	}

	static ApiException invalid(Locale locale, String key, Object... args) {
		return ErrorCode.INVALID_FIELD.exception(Texts.get("pin", key, locale, args));
	}
}
