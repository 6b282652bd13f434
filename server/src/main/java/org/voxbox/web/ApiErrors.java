package org.voxbox.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds and writes error bodies in the Webex shape, with messages in the caller's language. */
@Component
public class ApiErrors {

	private final JsonMapper json;

	ApiErrors(JsonMapper json) {
		this.json = json;
	}

	/** The generic message for {@code code} in the current request's language. */
	public String text(ErrorCode code) {
		return text(code, LocaleContextHolder.getLocale());
	}

	String text(ErrorCode code, Locale locale) {
		return Texts.get("web", "error." + code.name(), locale);
	}

	ApiError body(ApiException ex, HttpServletRequest request) {
		return new ApiError(ex.getMessage(), ex.errors(), TrackingIds.of(request));
	}

	ApiError body(ErrorCode code, Locale locale, HttpServletRequest request) {
		String text = text(code, locale);
		return new ApiError(text, List.of(new ApiError.Detail(code.number(), code.name(), text)), TrackingIds.of(request));
	}

	/** English or Dutch, whichever {@code Accept-Language} prefers; English when it names neither. */
	static Locale supported(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			for (var it = request.getLocales().asIterator(); it.hasNext();) {
				String language = it.next().getLanguage();
				if (language.equals("nl") || language.equals("en")) {
					return Locale.forLanguageTag(language);
				}
			}
		}
		return Locale.ENGLISH;
	}

	/** Writes an error for a failure outside Spring MVC (authentication, request filters). */
	public void write(ErrorCode code, HttpServletRequest request, HttpServletResponse response) throws IOException {
		Locale locale = supported(request);
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), body(code, locale, request));
	}
}
