package org.voxbox.directory;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.voxbox.web.ApiException;
import org.voxbox.web.ErrorCode;
import org.voxbox.web.Texts;

/** The directory's caller-facing failures, in the caller's language. */
final class DirectoryErrors {

	private DirectoryErrors() {
	}

	static String text(String key, Locale locale) {
		return Texts.get("directory", key, locale);
	}

	static ApiException adminOnly(Locale locale) {
		return ErrorCode.FORBIDDEN.exception(text("error.adminOnly", locale));
	}

	static ApiException personNotFound(Locale locale) {
		return ErrorCode.NOT_FOUND.exception(text("error.personNotFound", locale));
	}

	static ApiException invalid(String key, Locale locale) {
		return new ApiException(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_FIELD.number(), ErrorCode.INVALID_FIELD.name(),
				text(key, locale));
	}

	static ApiException conflict(String key, Locale locale) {
		return ErrorCode.CONFLICT.exception(text(key, locale));
	}
}
