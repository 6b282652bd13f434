package org.voxbox.mailbox;

import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.voxbox.web.ApiError;
import org.voxbox.web.ApiException;
import org.voxbox.web.Texts;

/** A transfer number the organisation's policy refuses: 400 naming the rule, in the caller's language. */
final class TransferRefused extends ApiException {

	TransferRefused(TransferRule rule, Locale locale) {
		super(HttpStatus.BAD_REQUEST, Texts.get("mailbox", "error.transferRefused", locale),
				List.of(new ApiError.Detail(rule.errorCode(), rule.name(), description(rule, locale))));
	}

	static String description(TransferRule rule, Locale locale) {
		return Texts.get("mailbox", "transfer.rule." + rule.name(), locale);
	}
}
