package org.voxbox.telephony;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.message.Request;


/**
 * How a PBX forwarded a call to voicemail, from {@code Diversion} (RFC 5806: {@code reason=user-busy} or
 * {@code no-answer}) or {@code History-Info} (RFC 7044: {@code cause=486} busy; 408 or 480 no answer): whose
 * mailbox it is and which greeting to play. Both headers are hostile input: read bounded, never trusted to
 * parse.
 */
record Forwarding(Optional<String> mailboxUser, boolean busy) {

	private static final Pattern USER = Pattern.compile("<?(?:sips?|tel):\\+?([0-9A-Za-z._-]{1,64})");

	private static final Pattern CAUSE = Pattern.compile("cause=(\\d{3})");

	static Forwarding of(Request request) {
		String diversion = SipHeaders.value(request.getHeader("Diversion"));
		if (diversion != null) {
			String first = diversion.split(",", 2)[0];
			String lower = first.toLowerCase(Locale.ROOT);
			return new Forwarding(user(first), lower.contains("reason=user-busy") || lower.contains("reason=\"user-busy\""));
		}
		String history = SipHeaders.value(request.getHeader("History-Info"));
		if (history != null) {
			// The entry carrying the cause is the retargeted one: the person whose phone was busy or did not answer.
			for (String entry : history.split(",", 20)) {
				Matcher cause = CAUSE.matcher(entry);
				if (cause.find()) {
					return new Forwarding(user(entry), cause.group(1).equals("486"));
				}
			}
		}
		return new Forwarding(Optional.empty(), false);
	}

	private static Optional<String> user(String address) {
		Matcher m = USER.matcher(address);
		return m.find() ? Optional.of(m.group(1)) : Optional.empty();
	}

}
