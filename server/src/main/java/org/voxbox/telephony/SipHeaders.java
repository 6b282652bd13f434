package org.voxbox.telephony;

import javax.sip.header.Header;

import org.jspecify.annotations.Nullable;

/** Reading headers the stack keeps as extension headers, bounded: they are caller-supplied. */
final class SipHeaders {

	static final int MAX_VALUE = 2000;

	private SipHeaders() {
	}

	/** The header's value (what follows the colon), at most {@value #MAX_VALUE} characters, or null. */
	static @Nullable String value(@Nullable Header header) {
		if (header == null) {
			return null;
		}
		String text = header.toString();
		int colon = text.indexOf(':');
		String value = colon < 0 ? "" : text.substring(colon + 1).strip();
		return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
	}
}
