package org.voxbox.telephony;

import java.text.ParseException;

import javax.sip.ListeningPoint;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jspecify.annotations.Nullable;

import gov.nist.javax.sip.message.SIPRequest;

/**
 * What the SIP stack lets through but Voxbox must not act on, screened before a request is handled: requests
 * are hostile input. Refused with 400: a body shorter than its Content-Length or holding a NUL byte (see
 * {@link #truncated}), a top Via with another SIP version than 2.0 (the request line's version
 * is screened by the parser, {@link org.voxbox.telephony.internal.ScreeningParserFactory}), or an INVITE
 * without a header that the stack's server transactions require, such as Contact or Max-Forwards (creating the
 * transaction would fail, and Voxbox answer 500); with 481: an INVITE with a To tag for no dialog of ours (RFC
 * 3261 12.2.2). Dropped: a request whose top Via names a transport Voxbox does not speak, as no answer could
 * reach it. An ACK is never answered, only dropped.
 */
final class SipScreening {

	/** How to refuse a request: {@code status} with {@code reason}, or drop it when {@code status} is 0. */
	record Refusal(int status, @Nullable String reason) {

		static final Refusal DROP = new Refusal(0, null);

		boolean drop() {
			return status == 0;
		}
	}

	private SipScreening() {
	}

	/**
	 * The refusal for {@code request}, or null when Voxbox may handle it. {@code inDialog}: the request belongs
	 * to a dialog of a call Voxbox has.
	 */
	static @Nullable Refusal check(Request request, boolean inDialog) {
		ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
		boolean ack = Request.ACK.equals(request.getMethod());
		boolean invite = Request.INVITE.equals(request.getMethod());
		if (via == null || !(ListeningPoint.UDP.equalsIgnoreCase(via.getTransport())
				|| ListeningPoint.TCP.equalsIgnoreCase(via.getTransport()))) {
			return Refusal.DROP;
		}
		Refusal refusal = null;
		if (!"SIP/2.0".equalsIgnoreCase(via.getProtocol())) {
			refusal = new Refusal(Response.BAD_REQUEST, "SIP Version Not Supported");
		}
		else if (truncated(request)) {
			refusal = new Refusal(Response.BAD_REQUEST, "Truncated Or Malformed Body");
		}
		else if (invite && request instanceof SIPRequest stack && missingHeader(stack)) {
			refusal = new Refusal(Response.BAD_REQUEST, "Missing Mandatory Header");
		}
		else if (invite && !inDialog
				&& ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null) {
			refusal = new Refusal(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
		}
		return refusal != null && ack ? Refusal.DROP : refusal;
	}

	/**
	 * A body shorter than its Content-Length, or one holding a NUL byte. Over TCP, when a peer stops sending
	 * mid-body, the stack's read timeout closes the connection and then hands the message on anyway, its body
	 * padded with NULs up to the declared length; a NUL is also never valid in the only body Voxbox reads, SDP
	 * (RFC 8866 section 9: text excludes NUL). Such a request must not be acted on.
	 */
	private static boolean truncated(Request request) {
		ContentLengthHeader declared = (ContentLengthHeader) request.getHeader(ContentLengthHeader.NAME);
		byte[] body = request.getRawContent();
		if (body == null) {
			return declared != null && declared.getContentLength() > 0;
		}
		if (declared != null && declared.getContentLength() > body.length) {
			return true;
		}
		for (byte b : body) {
			if (b == 0) {
				return true;
			}
		}
		return false;
	}

	private static boolean missingHeader(SIPRequest request) {
		try {
			request.checkHeaders();
			return false;
		}
		catch (ParseException missing) {
			return true;
		}
	}
}
