package org.voxbox.telephony;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.header.FromHeader;
import javax.sip.message.Request;

import org.jspecify.annotations.Nullable;
import org.voxbox.mailbox.CallerId;

/**
 * Who is calling, from hostile headers: {@code P-Asserted-Identity} when the peer is trusted, else
 * {@code From}; {@code Privacy: id} (or {@code header}, {@code user}) hides the caller. Names and numbers are
 * bounded and stripped of anything unprintable.
 */
final class CallerIds {

	private static final Pattern ADDRESS = Pattern.compile(
			"^\\s*(?:\"((?:[^\"\\\\]|\\\\.){0,200})\"|([^<\"]{0,200}?))?\\s*<?(?:sips?|tel):([^@;>]{1,200})");

	private CallerIds() {
	}

	static CallerId of(Request request, boolean trustedPeer) {
		if (hasPrivacy(request)) {
			return CallerId.hidden();
		}
		String identity = trustedPeer ? SipHeaders.value(request.getHeader("P-Asserted-Identity")) : null;
		if (identity == null) {
			FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
			identity = from == null ? null : from.getAddress().toString();
		}
		if (identity == null) {
			return new CallerId(null, null, false);
		}
		Matcher m = ADDRESS.matcher(identity.length() > 1000 ? identity.substring(0, 1000) : identity);
		if (!m.find()) {
			return new CallerId(null, null, false);
		}
		String name = m.group(1) != null ? m.group(1).replace("\\\"", "\"") : m.group(2);
		name = clean(name, 100);
		String number = m.group(3) == null ? null : m.group(3).replaceAll("[^+0-9A-Za-z*#._-]", "");
		if (number != null && (number.isEmpty() || number.length() > 64)) {
			number = number.isEmpty() ? null : number.substring(0, 64);
		}
		if (number != null && number.equalsIgnoreCase("anonymous")) {
			return CallerId.hidden();
		}
		return new CallerId(name, number, false);
	}

	private static boolean hasPrivacy(Request request) {
		String privacy = SipHeaders.value(request.getHeader("Privacy"));
		if (privacy == null) {
			return false;
		}
		for (String token : privacy.toLowerCase(Locale.ROOT).split("[;,\\s]+")) {
			if (token.equals("id") || token.equals("header") || token.equals("user")) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable String clean(@Nullable String text, int max) {
		if (text == null) {
			return null;
		}
		String printable = text.codePoints()
			.filter(c -> !Character.isISOControl(c))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		if (printable.isEmpty()) {
			return null;
		}
		// Cut at a character, never inside a surrogate pair: at most max UTF-16 units, as CallerId requires.
		if (printable.length() <= max) {
			return printable;
		}
		int end = Character.isHighSurrogate(printable.charAt(max - 1)) ? max - 1 : max;
		return printable.substring(0, end).strip();
	}
}
