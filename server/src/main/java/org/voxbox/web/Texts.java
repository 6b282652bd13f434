package org.voxbox.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Caller-facing texts from the {@code i18n/*.properties} bundles (English base, Dutch {@code _nl}). An
 * unsupported language falls back to English, never to the server's own locale.
 */
public final class Texts {

	private static final ResourceBundle.Control NO_SYSTEM_FALLBACK = ResourceBundle.Control
		.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

	private Texts() {
	}

	/** The text {@code key} of bundle {@code i18n/<bundle>}, with {@code args} filled in by MessageFormat. */
	public static String get(String bundle, String key, Locale locale, Object... args) {
		String pattern = ResourceBundle.getBundle("i18n/" + bundle, locale, NO_SYSTEM_FALLBACK).getString(key);
		return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
	}
}
