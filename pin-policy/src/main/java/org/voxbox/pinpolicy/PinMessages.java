package org.voxbox.pinpolicy;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The user-facing texts of the rules, from the resource bundle {@code org/voxbox/pinpolicy/messages}
 * (English as the base bundle, Dutch in {@code _nl}; UTF-8 properties). A locale without its own
 * bundle gets English, never the JVM's default locale. Texts are filled from the policy and never
 * contain a PIN. Thread-safe.
 */
public final class PinMessages {

	private static final String BUNDLE = "org.voxbox.pinpolicy.messages";
	private static final ResourceBundle.Control NO_DEFAULT_LOCALE_FALLBACK =
			ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
	private static final Set<Locale> SUPPORTED = Collections.unmodifiableSet(
			new LinkedHashSet<>(List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"))));

	private PinMessages() {
	}

	/**
	 * The message for a broken rule, e.g. "The PIN must have at least 6 digits." — with the
	 * policy's settings filled in.
	 */
	public static String violation(PinRule rule, PinPolicy policy, Locale locale) {
		return text("violation." + rule.name(), policy, locale);
	}

	/**
	 * The same rule phrased as a requirement for a checklist shown before typing, e.g.
	 * "At least 6 digits" or "Not one of your previous 24 PINs".
	 */
	public static String requirement(PinRule rule, PinPolicy policy, Locale locale) {
		return text("requirement." + rule.name(), policy, locale);
	}

	/**
	 * The rules that apply under this policy, in report order, for a requirements list: rules
	 * 1–3, {@link PinRule#CONFIRMATION_MISMATCH} when the channel takes a confirmation, and every
	 * enabled switchable rule. Unmodifiable.
	 */
	public static List<PinRule> requirements(PinPolicy policy, boolean withConfirmation) {
		List<PinRule> rules = new ArrayList<>();
		for (PinRule rule : PinRule.values()) {
			if (rule == PinRule.CONFIRMATION_MISMATCH ? withConfirmation : policy.isEnabled(rule)) {
				rules.add(rule);
			}
		}
		return List.copyOf(rules);
	}

	/** The locales with their own texts: English and Dutch. */
	public static Set<Locale> supportedLocales() {
		return SUPPORTED;
	}

	private static String text(String key, PinPolicy policy, Locale locale) {
		Objects.requireNonNull(policy, "policy");
		ResourceBundle bundle = ResourceBundle.getBundle(
				BUNDLE, Objects.requireNonNull(locale, "locale"), PinMessages.class.getClassLoader(),
				NO_DEFAULT_LOCALE_FALLBACK);
		Locale textLocale = bundle.getLocale().getLanguage().isEmpty() ? Locale.ENGLISH : bundle.getLocale();
		int effectiveHistoryDepth = policy.isEnabled(PinRule.IN_HISTORY) ? policy.historyDepth() : 0;
		Object[] settings = {
			policy.minLength(),
			policy.maxLength(),
			effectiveHistoryDepth,
			policy.maxRepeatedDigit(),
			policy.minDistinctDigits(),
			policy.maxAscendingRun(),
			policy.maxDescendingRun(),
			policy.minDaysBetweenChanges(),
		};
		return new MessageFormat(bundle.getString(key), textLocale).format(settings);
	}
}
