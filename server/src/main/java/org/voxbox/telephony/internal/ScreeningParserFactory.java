package org.voxbox.telephony.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * The stack's message parser, with three corrections for hostile input made before and after the stack's own
 * parsing. A request line whose SIP version is not 2.0 is a parse error (which the stack answers with 400 over
 * UDP): the stack's parser reads any version as 2.0. Over UDP, a body is cut to its Content-Length, as RFC 3261
 * 18.3 says: the stack's parser keeps every byte of the datagram and rewrites Content-Length to match. And a
 * message without CSeq is a parse error, which the stack's UDP channel does not check before using it. Created
 * by the stack by class name (property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}).
 */
public final class ScreeningParserFactory implements MessageParserFactory {

	@Override
	public MessageParser createMessageParser(SIPTransactionStack stack) {
		return new ScreeningParser();
	}

	/** One parser per message channel, as the stack's own: not shared between threads. */
	static final class ScreeningParser extends StringMsgParser {

		@Override
		public @Nullable SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict,
				ParseExceptionListener listener) throws ParseException {
			int start = 0;
			while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
				start++;
			}
			int lineEnd = start;
			while (lineEnd < bytes.length && bytes[lineEnd] != '\r' && bytes[lineEnd] != '\n') {
				lineEnd++;
			}
			String first = new String(bytes, start, lineEnd - start, StandardCharsets.ISO_8859_1).strip();
			if (!first.isEmpty() && !first.regionMatches(true, 0, "SIP/", 0, 4)) {
				// A request: its line ends with the version.
				int space = first.lastIndexOf(' ');
				if (space < 0 || !first.substring(space + 1).equalsIgnoreCase("SIP/2.0")) {
					throw new ParseException("request line without SIP/2.0", 0);
				}
			}
			SIPMessage message = super.parseSIPMessage(readBody ? declaredOnly(bytes) : bytes, readBody, strict, listener);
			if (message != null && message.getCSeq() == null) {
				// The stack's UDP channel would fail on it with a NullPointerException, logged with the datagram.
				throw new ParseException("no CSeq", 0);
			}
			return message;
		}
	}

	/** {@code message} without what follows the body its Content-Length declares; as it is when none is shorter. */
	static byte[] declaredOnly(byte[] message) {
		int headersEnd = headersEnd(message);
		if (headersEnd < 0) {
			return message;
		}
		Integer declared = contentLength(new String(message, 0, headersEnd, StandardCharsets.ISO_8859_1));
		if (declared == null || declared < 0 || headersEnd + declared >= message.length) {
			return message;
		}
		return Arrays.copyOf(message, headersEnd + declared);
	}

	/** Where the body starts: after the first empty line (CRLF CRLF, or bare LF LF); -1 without one. */
	private static int headersEnd(byte[] m) {
		for (int i = 0; i + 1 < m.length; i++) {
			if (m[i] == '\n' && m[i + 1] == '\n') {
				return i + 2;
			}
			if (m[i] == '\n' && m[i + 1] == '\r' && i + 2 < m.length && m[i + 2] == '\n') {
				return i + 3;
			}
		}
		return -1;
	}

	/** The value of the (single) Content-Length or {@code l} header; null when absent, repeated or not a number. */
	private static @Nullable Integer contentLength(String headers) {
		Integer found = null;
		for (String line : headers.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon < 0 || line.isEmpty() || Character.isWhitespace(line.charAt(0))) {
				continue;
			}
			String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			if (name.equals("content-length") || name.equals("l")) {
				String value = line.substring(colon + 1).strip();
				if (found != null || !value.matches("[0-9]{1,9}")) {
					return null;
				}
				found = Integer.valueOf(value);
			}
		}
		return found;
	}
}
