package org.voxbox.telephony;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Objects;
import java.util.Properties;

import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * The SIP stack (JAIN-SIP reference implementation) on UDP and TCP, and what Voxbox sends through it: answers
 * to requests (a 503 with {@code Retry-After} when full, a refusal of {@link SipScreening}), the 200 with an
 * SDP answer, and BYE and REFER within a dialog. It owns the stack's settings and knows nothing of calls.
 */
final class SipTransport {

	private static final Logger log = LoggerFactory.getLogger(SipTransport.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** How long a caller refused for lack of room is asked to wait, in seconds. */
	static final int RETRY_AFTER_SECONDS = 10;

	private final SipSettings settings;

	private @Nullable SipStack stack;

	private @Nullable SipProvider provider;

	private @Nullable MessageFactory messages;

	private @Nullable HeaderFactory headers;

	private @Nullable AddressFactory addresses;

	SipTransport(SipSettings settings) {
		this.settings = settings;
	}

	/** Starts the stack on {@code voxbox.sip.address}:{@code port}, UDP and TCP, delivering to {@code listener}. */
	void start(SipListener listener) throws Exception {
		SipFactory factory = SipFactory.getInstance();
		factory.setPathName("gov.nist");
		Properties p = new Properties();
		p.setProperty("javax.sip.STACK_NAME", "voxbox-" + settings.port());
		p.setProperty("gov.nist.javax.sip.STACK_LOGGER", "org.voxbox.telephony.internal.SipStackLogger");
		p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", "org.voxbox.telephony.internal.SipMessageLogger");
		p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", "org.voxbox.telephony.internal.ScreeningParserFactory");
		p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
		p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
		p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
		p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "1048576");
		p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "1048576");
		p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "true");
		p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "10000");
		// TCP: a peer that stops halfway through a message is cut off after 5 s (no slow-loris), and the
		// number of connections is bounded.
		p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "5000");
		p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "1000");
		SipStack sipStack = factory.createSipStack(p);
		ListeningPoint udp = sipStack.createListeningPoint(settings.address(), settings.port(), ListeningPoint.UDP);
		ListeningPoint tcp = sipStack.createListeningPoint(settings.address(), settings.port(), ListeningPoint.TCP);
		SipProvider sipProvider = sipStack.createSipProvider(udp);
		sipProvider.addListeningPoint(tcp);
		sipProvider.addSipListener(listener);
		sipProvider.setAutomaticDialogSupportEnabled(false);
		this.messages = factory.createMessageFactory();
		this.headers = factory.createHeaderFactory();
		this.addresses = factory.createAddressFactory();
		this.stack = sipStack;
		this.provider = sipProvider;
		sipStack.start();
	}

	void stop() {
		SipStack running = stack;
		if (running != null) {
			running.stop();
			stack = null;
		}
	}

	/** A response to {@code request}; a final one of 300 or more gets a To tag of its own. */
	Response response(int status, Request request) throws ParseException {
		Response response = messages().createResponse(status, request);
		if (status >= 300) {
			ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
			if (to.getTag() == null) {
				to.setTag(tag());
			}
		}
		return response;
	}

	/** 503 with {@code Retry-After} and a To tag: Voxbox is full or stopping; the PBX tries later or elsewhere. */
	Response busy(Request request) throws ParseException, InvalidArgumentException {
		Response response = response(Response.SERVICE_UNAVAILABLE, request);
		response.addHeader(headers().createRetryAfterHeader(RETRY_AFTER_SECONDS));
		return response;
	}

	/** 405 with the methods Voxbox implements. */
	Response methodNotAllowed(Request request) throws ParseException {
		Response response = response(Response.METHOD_NOT_ALLOWED, request);
		response.addHeader(headers().createAllowHeader("INVITE, ACK, BYE, CANCEL, OPTIONS"));
		return response;
	}

	/** 200 with Contact and an SDP answer; {@code newDialog} gives it a To tag (the answer to a first INVITE). */
	Response ok(Request request, String sdp, boolean newDialog) throws ParseException {
		Response ok = messages().createResponse(Response.OK, request);
		if (newDialog) {
			((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(tag());
		}
		SipURI uri = addresses().createSipURI("voxbox", settings.address() + ":" + settings.port());
		ok.addHeader(headers().createContactHeader(addresses().createAddress(uri)));
		ok.setContent(sdp, headers().createContentTypeHeader("application", "sdp"));
		return ok;
	}

	/** Answers {@code status} (with {@code reason}, when given) to the event's request. */
	void respond(RequestEvent event, int status, @Nullable String reason) throws Exception {
		Response response = messages().createResponse(status, event.getRequest());
		if (reason != null) {
			response.setReasonPhrase(reason);
		}
		send(event, response);
	}

	/** Sends {@code response} through the event's transaction, or statelessly when it has none. */
	void send(RequestEvent event, Response response) throws SipException, InvalidArgumentException {
		ServerTransaction transaction = event.getServerTransaction();
		if (transaction != null) {
			transaction.sendResponse(response);
		}
		else {
			provider().sendResponse(response);
		}
	}

	/** The event's server transaction, made when the stack made none. */
	ServerTransaction serverTransaction(RequestEvent event)
			throws TransactionAlreadyExistsException, TransactionUnavailableException {
		ServerTransaction transaction = event.getServerTransaction();
		return transaction != null ? transaction : provider().getNewServerTransaction(event.getRequest());
	}

	/** Answers (or drops) a request that {@link SipScreening} refused; a 481 to an INVITE within a transaction. */
	void refuse(RequestEvent event, SipScreening.Refusal refusal) throws Exception {
		Request request = event.getRequest();
		if (refusal.drop()) {
			log.debug("dropping a refused SIP {}", request.getMethod());
			return;
		}
		Response response = response(refusal.status(), request);
		if (refusal.reason() != null) {
			response.setReasonPhrase(refusal.reason());
		}
		ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
		if (to.getTag() == null) {
			to.setTag(tag());
		}
		if (Request.INVITE.equals(request.getMethod()) && refusal.status() == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST) {
			// Its headers are whole: a server transaction takes the ACK and absorbs retransmissions.
			serverTransaction(event).sendResponse(response);
		}
		else {
			send(event, response);
		}
	}

	/** The dialog a 200 to {@code invite} makes. */
	Dialog dialog(ServerTransaction invite) throws SipException {
		return provider().getNewDialog(invite);
	}

	/** Sends BYE within the dialog; a dialog already gone is logged, not thrown. */
	void bye(Dialog dialog) {
		try {
			Request bye = dialog.createRequest(Request.BYE);
			dialog.sendRequest(provider().getNewClientTransaction(bye));
		}
		catch (Exception ex) {
			log.debug("cannot send BYE: {}", ex.toString());
		}
	}

	/** Sends REFER within the dialog with {@code Refer-To: sip:<user>@<host>}. */
	void refer(Dialog dialog, String user, String host) throws Exception {
		SipURI target = addresses().createSipURI(user, host);
		Request refer = dialog.createRequest(Request.REFER);
		refer.addHeader(headers().createReferToHeader(addresses().createAddress(target)));
		dialog.sendRequest(provider().getNewClientTransaction(refer));
	}

	/** A random tag for a To header. */
	static String tag() {
		return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
	}

	static String callId(Message message) {
		CallIdHeader header = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
		return header == null ? "" : header.getCallId();
	}

	/**
	 * The address the request came from: the source of its datagram or TCP connection, as the stack saw it —
	 * never the {@code Via} host or its {@code received}/{@code rport}, which the sender writes.
	 */
	static @Nullable InetAddress sourceOf(Request request) {
		return request instanceof SIPMessage message ? message.getRemoteAddress() : null;
	}

	/**
	 * Points the top Via's {@code received} at the transport source when the sender wrote another address there:
	 * answers go where {@code received} says (RFC 3261 18.2.2), and no sender may aim Voxbox's answers at a third
	 * party. (The stack sets {@code received} itself only when the Via host differs from the source.)
	 */
	static void answerToSource(Request request, @Nullable InetAddress source) {
		ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
		if (via == null || source == null || via.getReceived() == null
				|| via.getReceived().equals(source.getHostAddress())) {
			return;
		}
		try {
			via.setReceived(source.getHostAddress());
		}
		catch (ParseException ex) {
			throw new IllegalStateException("an address the stack itself reported does not parse: " + source, ex);
		}
	}

	private MessageFactory messages() {
		return Objects.requireNonNull(messages, "SIP not started");
	}

	private HeaderFactory headers() {
		return Objects.requireNonNull(headers, "SIP not started");
	}

	private AddressFactory addresses() {
		return Objects.requireNonNull(addresses, "SIP not started");
	}

	private SipProvider provider() {
		return Objects.requireNonNull(provider, "SIP not started");
	}
}
