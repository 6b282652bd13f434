package org.voxbox.telephony;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.CallerId;
import org.voxbox.mailbox.Greetings;
import org.voxbox.mailbox.Mailboxes;
import org.voxbox.mailbox.MessageDeposit;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.media.RtpPacer;
import org.voxbox.pin.PhonePin;
import org.voxbox.pin.PinVerification;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * Voxbox's SIP user agent (JAIN-SIP reference implementation) on UDP and TCP. It answers OPTIONS probes,
 * refuses peers outside the allow-list (403) and methods it does not implement (405), routes INVITEs (404 for
 * unknown numbers, 480 when voicemail is off, 488 without a common codec) and keeps each answered call's
 * dialog until either side hangs up. The stack's listener threads never block: routing, which reads the
 * database, runs on a small executor.
 */
@Component
class SipEndpoint implements SipListener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SipEndpoint.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** How long a graceful stop waits for the calls in progress to be stored and told goodbye. */
	private static final java.time.Duration FAREWELL_PATIENCE = java.time.Duration.ofSeconds(10);

	/** Key presses of one call that may wait to be handled; more are dropped (no caller presses 32 ahead). */
	private static final int MAX_PENDING_KEYS = 32;

	/** How long a caller refused for lack of room is asked to wait, in seconds. */
	private static final int RETRY_AFTER_SECONDS = 10;

	private final SipSettings settings;

	private final CallRouting routing;

	private final MediaLoop media;

	private final Prompts prompts;

	private final Ticker ticker;

	private final CallLimits limits;


	private final Networks allowed;

	private final Networks trusted;

	private final RtpPorts rtpPorts;

	private final Map<String, Call> calls = new ConcurrentHashMap<>();

	private final ExecutorService work;

	private volatile boolean running;

	private @Nullable SipStack stack;

	private @Nullable SipProvider provider;

	private @Nullable MessageFactory messages;

	private @Nullable HeaderFactory headers;

	private javax.sip.address.@Nullable AddressFactory addresses;

	/** The RTP timeout's sweep and each retrieval call's idle limit. */
	private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
		Thread t = new Thread(r, "sip-timers");
		t.setDaemon(true);
		return t;
	});


	private final RtpPacer pacer = new RtpPacer();

	private final Deposit.Services depositServices;

	private final Retrieval.Services retrievalServices;

	SipEndpoint(SipSettings settings, CallRouting routing, MediaLoop media, VoiceMessages messagesStore,
			MessageDeposit deposits, RecordingSpool spool, Prompts prompts,
			PinVerification verification, Mailboxes mailboxes, PhonePin phonePin, Greetings greetings,
			CallerGreeting callerGreeting, java.time.Clock clock, MeterRegistry meters,
			org.springframework.beans.factory.ObjectProvider<Ticker> tickers) {
		this.ticker = tickers.getIfAvailable(() -> Ticker.SYSTEM);
		this.limits = new CallLimits(settings);
		Gauge.builder("voxbox.calls.active", calls, Map::size).description("Calls in progress").register(meters);
		Gauge.builder("voxbox.rtp.send.lateness.p50", pacer, p -> p.lateness().p50Millis()).baseUnit("milliseconds")
			.description("Median lateness of RTP frames against their 20 ms schedule").register(meters);
		Gauge.builder("voxbox.rtp.send.lateness.p99", pacer, p -> p.lateness().p99Millis()).baseUnit("milliseconds")
			.description("99th percentile lateness of RTP frames against their 20 ms schedule").register(meters);
		Gauge.builder("voxbox.rtp.send.lateness.max", pacer, p -> p.lateness().maxMillis()).baseUnit("milliseconds")
			.description("Largest lateness of an RTP frame against its 20 ms schedule").register(meters);
		Gauge.builder("voxbox.rtp.send.frames", pacer, p -> p.lateness().packets()).description("RTP frames sent")
			.register(meters);
		this.settings = settings;
		this.routing = routing;
		this.media = media;
		this.prompts = prompts;
		this.allowed = new Networks(settings.allowedPeers());
		this.trusted = new Networks(settings.trustedPeers());
		this.rtpPorts = new RtpPorts(settings.address(), settings.rtpPortMin(), settings.rtpPortMax());
		AtomicInteger n = new AtomicInteger();
		this.work = Executors.newFixedThreadPool(4, r -> {
			Thread t = new Thread(r, "sip-calls-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		this.depositServices = new Deposit.Services(work, settings, prompts, callerGreeting, messagesStore, deposits,
				mailboxes, spool, clock);
		// An idle limit is restarted at every key: cancelled ones leave the queue at once.
		timers.setRemoveOnCancelPolicy(true);
		this.retrievalServices = new Retrieval.Services(work, prompts, routing, verification, messagesStore, phonePin,
				greetings, callerGreeting, clock, settings.zone(), Timers.on(timers),
				java.time.Duration.ofSeconds(settings.retrievalIdleSeconds()));
	}

	/** An answered (or answering) call: its dialog, its media socket, and what it plays and records. */
	static final class Call {

		final String callId;

		final ServerTransaction invite;

		/** Where the INVITE came from: the transport's source address, which the network cannot forge. */
		final InetAddress source;

		volatile @Nullable DatagramChannel rtp;

		volatile @Nullable Dialog dialog;

		/** A call to a mailbox: the message being left. */
		volatile @Nullable Deposit deposit;

		/** A call to the pilot: the owner's menus. */
		volatile @Nullable Retrieval retrieval;

		volatile @Nullable Playback playback;

		volatile RtpPacer.@Nullable Registration sending;

		/** Which datagrams are the caller's media, when they last came, and where ours go. */
		volatile @Nullable RtpLatch latch;

		/**
		 * Whether the caller's SDP says they send (sendrecv or sendonly): a caller who holds with inactive or
		 * recvonly sends nothing, and the RTP timeout waits; it counts again from when they resume.
		 */
		volatile boolean callerSends = true;

		/** When the caller last offered a direction, and when the call was answered (the {@link Ticker}'s time). */
		volatile long directionSince;

		volatile long answeredAt;

		/** The language and codec of what the caller hears, for a goodbye when Voxbox stops. */
		volatile java.util.Locale language = java.util.Locale.ENGLISH;

		volatile G711 law = G711.ULAW;

		/** Whether Voxbox's audio reaches the caller: not while they hold (we answered recvonly or inactive). */
		boolean callerHears() {
			return !heldByCaller;
		}

		volatile boolean heldByCaller;

		void offered(String direction, long now) {
			callerSends = direction.equals("sendrecv") || direction.equals("sendonly");
			heldByCaller = !direction.equals("sendrecv") && !direction.equals("recvonly");
			directionSince = now;
		}

		volatile boolean answered;

		final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

		final java.util.concurrent.atomic.AtomicBoolean transferring = new java.util.concurrent.atomic.AtomicBoolean();

		Call(String callId, ServerTransaction invite, InetAddress source) {
			this.callId = callId;
			this.invite = invite;
			this.source = source;
		}

		void close() {
			DatagramChannel channel = rtp;
			if (channel != null) {
				try {
					channel.close();
				}
				catch (IOException ignored) {
					// closing anyway
				}
			}
		}
	}

	@Override
	public void start() {
		if (!settings.enabled()) {
			return;
		}
		try {
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
			sipProvider.addSipListener(this);
			sipProvider.setAutomaticDialogSupportEnabled(false);
			this.messages = factory.createMessageFactory();
			this.headers = factory.createHeaderFactory();
			this.addresses = factory.createAddressFactory();
			this.stack = sipStack;
			this.provider = sipProvider;
			sipStack.start();
			pacer.start();
			timers.scheduleWithFixedDelay(this::endOverdueCalls, 1, 1, TimeUnit.SECONDS);
			running = true;
			log.info("SIP listening on {}:{} (UDP, TCP); peers allowed from {}", settings.address(), settings.port(),
					settings.allowedPeers());
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start SIP on " + settings.address() + ":" + settings.port(), ex);
		}
	}

	/**
	 * Stops gracefully: new INVITEs get 503; every call in progress has its message stored (a deposit), hears
	 * "goodbye" and gets a BYE, for at most {@link #FAREWELL_PATIENCE}; then the stack stops.
	 */
	@Override
	public void stop() {
		running = false;
		java.util.List<Call> inProgress = java.util.List.copyOf(calls.values());
		java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(inProgress.size());
		for (Call call : inProgress) {
			work.execute(() -> farewell(call, ended::countDown));
		}
		try {
			if (!ended.await(FAREWELL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("stopping with {} calls not yet ended", ended.getCount());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		calls.values().forEach(Call::close);
		calls.clear();
		work.shutdownNow();
		timers.shutdownNow();
		pacer.close();
		if (stack != null) {
			stack.stop();
			stack = null;
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Ends a call because Voxbox stops: stores its message, says goodbye in the owner's language and hangs up;
	 * then runs {@code done}. On the call executor.
	 */
	private void farewell(Call call, Runnable done) {
		try {
			if (!call.answered) {
				finish(call, Response.SERVICE_UNAVAILABLE);
				done.run();
				return;
			}
			Deposit deposit = call.deposit;
			if (deposit != null) {
				deposit.store();
			}
			Playback voice = call.playback;
			RtpPacer.Registration sending = call.sending;
			if (voice == null || sending == null || !call.callerHears()) {
				end(call, true);
				done.run();
				return;
			}
			voice.play(prompts.get(call.language, "goodbye", call.law), () -> work.execute(() -> {
				end(call, true);
				done.run();
			}));
		}
		catch (RuntimeException ex) {
			log.warn("cannot end a call gracefully: {}", ex.toString());
			end(call, true);
			done.run();
		}
	}

	@Override
	public void processRequest(RequestEvent event) {
		Request request = event.getRequest();
		String method = request.getMethod();
		try {
			InetAddress peer = sourceOf(request);
			answerToSource(request, peer);
			if (peer == null || !allowed.contains(peer)) {
				respond(event, Response.FORBIDDEN, null);
				return;
			}
			SipScreening.Refusal refusal = SipScreening.check(request,
					event.getDialog() != null && calls.containsKey(callId(request)));
			if (refusal != null) {
				refuse(event, refusal);
				return;
			}
			switch (method) {
				case Request.OPTIONS -> respond(event, Response.OK, null);
				case Request.INVITE -> invite(event, peer);
				case Request.ACK -> ack(event);
				case Request.BYE -> bye(event);
				case Request.CANCEL -> cancel(event);
				default -> {
					Response response = messages().createResponse(Response.METHOD_NOT_ALLOWED, request);
					response.addHeader(headers().createAllowHeader("INVITE, ACK, BYE, CANCEL, OPTIONS"));
					send(event, response);
				}
			}
		}
		catch (TransactionAlreadyExistsException retransmission) {
			// A retransmission that overtook the original's handling: the original's transaction answers both.
			log.debug("ignoring a retransmitted SIP {}", method);
		}
		catch (Exception ex) {
			// A request the stack parsed but we could not handle: answer 500 rather than leave it hanging.
			log.warn("cannot handle SIP {}: {}", method, ex.toString());
			try {
				respond(event, Response.SERVER_INTERNAL_ERROR, null);
			}
			catch (Exception ignored) {
				// the transaction is gone
			}
		}
	}

	private void invite(RequestEvent event, InetAddress source) throws Exception {
		Request request = event.getRequest();
		String callId = callId(request);
		Dialog existing = event.getDialog();
		if (existing != null && calls.containsKey(callId)) {
			reinvite(event, calls.get(callId));
			return;
		}
		ServerTransaction transaction = serverTransaction(event);
		if (!running || calls.size() >= settings.maxCalls()) {
			// Full (voxbox.sip.max-calls), or stopping: the caller's PBX tries again later, or another node.
			transaction.sendResponse(busy(request));
			return;
		}
		transaction.sendResponse(messages().createResponse(Response.TRYING, request));
		Call call = new Call(callId, transaction, source);
		calls.put(callId, call);
		work.execute(() -> answer(call, request));
	}

	/** Routes and answers a new INVITE, off the stack's thread. */
	private void answer(Call call, Request request) {
		try {
			URI uri = request.getRequestURI();
			String user = uri instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "";
			Forwarding forwarding = Forwarding.of(request);
			CallRouting.Route route = routing.route(forwarding.mailboxUser().orElse(user));
			if (route instanceof CallRouting.Unknown) {
				finish(call, Response.NOT_FOUND);
				return;
			}
			if (route instanceof CallRouting.Disabled) {
				finish(call, Response.TEMPORARILY_UNAVAILABLE);
				return;
			}
			Optional<Sdp.Offer> offer = Sdp.parse(request.getRawContent());
			Optional<Sdp.Choice> choice = offer.flatMap(Sdp::choose);
			if (choice.isEmpty() || (route instanceof CallRouting.Retrieval && choice.get().telephoneEvent() == null)) {
				// Retrieval needs RFC 4733 key presses; there is no in-band DTMF detection.
				finish(call, Response.NOT_ACCEPTABLE_HERE);
				return;
			}
			if (route instanceof CallRouting.Retrieval) {
				retrieve(call, request, offer.get(), choice.get());
				return;
			}
			Person owner = ((CallRouting.Deposit) route).owner();
			DatagramChannel rtp = rtpPorts.open();
			call.rtp = rtp;
			RtpLatch latch = latch(call, offer.get());
			CallerId caller = CallerIds.of(request, trusted.contains(call.source));
			String priority = SipHeaders.value(request.getHeader("Priority"));
			boolean urgent = priority != null
					&& (priority.equalsIgnoreCase("urgent") || priority.equalsIgnoreCase("emergency"));
			G711 law = choice.get().payloadType() == Sdp.PCMA ? G711.ALAW : G711.ULAW;
			call.law = law;
			call.language = owner.language();
			String direction = answerDirection(offer.get().direction());
			call.offered(offer.get().direction(), ticker.nanoTime());
			Deposit deposit = new Deposit(depositServices, owner, caller, urgent, forwarding.busy(), law,
					choice.get().telephoneEvent(), rtp, latch::destination, () -> end(call, true),
					number -> transfer(call, number));
			call.deposit = deposit;
			call.playback = deposit.voice();
			deposit.voice().hold(!direction.equals("sendrecv") && !direction.equals("sendonly"));
			answerAndStart(call, request, rtp, choice.get(), direction, deposit.sink(), deposit.voice(), law);
		}
		catch (RtpPorts.NoneFree full) {
			log.warn("refusing a call: {}", full.getMessage());
			finish(call, Response.SERVICE_UNAVAILABLE);
		}
		catch (Exception ex) {
			log.warn("cannot answer call: {}", ex.toString());
			finish(call, Response.SERVER_INTERNAL_ERROR);
		}
	}

	/** 503 with Retry-After and a To tag, for an INVITE that finds Voxbox full. */
	private Response busy(Request request) throws Exception {
		Response response = messages().createResponse(Response.SERVICE_UNAVAILABLE, request);
		((ToHeader) response.getHeader(ToHeader.NAME)).setTag(tag());
		response.addHeader(headers().createRetryAfterHeader(RETRY_AFTER_SECONDS));
		return response;
	}

	private void reinvite(RequestEvent event, Call call) throws Exception {
		Request request = event.getRequest();
		ServerTransaction transaction = serverTransaction(event);
		Optional<Sdp.Offer> offer = Sdp.parse(request.getRawContent());
		Optional<Sdp.Choice> choice = offer.flatMap(Sdp::choose);
		DatagramChannel rtp = call.rtp;
		if (choice.isEmpty() || rtp == null) {
			transaction.sendResponse(messages().createResponse(Response.NOT_ACCEPTABLE_HERE, request));
			return;
		}
		String direction = answerDirection(offer.get().direction());
		call.offered(offer.get().direction(), ticker.nanoTime());
		RtpLatch latch = call.latch;
		if (latch != null) {
			latch.expect(RtpLatch.mediaAddress(offer.get(), call.source, trusted.contains(call.source)));
		}
		Playback playback = call.playback;
		if (playback != null) {
			playback.hold(!direction.equals("sendrecv") && !direction.equals("sendonly"));
		}
		Response ok = messages().createResponse(Response.OK, request);
		ok.addHeader(contact());
		ok.setContent(Sdp.answer(settings.address(), ((InetSocketAddress) rtp.getLocalAddress()).getPort(), choice.get(),
				System.currentTimeMillis() / 1000, direction),
				headers().createContentTypeHeader("application", "sdp"));
		transaction.sendResponse(ok);
	}

	/** Answers a call to the pilot and runs the retrieval flow: mailbox number, PIN, then the message counts. */
	private void retrieve(Call call, Request request, Sdp.Offer offer, Sdp.Choice choice) throws Exception {
		DatagramChannel rtp = rtpPorts.open();
		call.rtp = rtp;
		G711 law = choice.payloadType() == Sdp.PCMA ? G711.ALAW : G711.ULAW;
		call.law = law;
		RtpLatch latch = latch(call, offer);
		String direction = answerDirection(offer.direction());
		call.offered(offer.direction(), ticker.nanoTime());
		Retrieval[] flow = new Retrieval[1];
		// Every event of this call (keys, PIN verdicts, the end of a message) runs in order, one at a time.
		SerialExecutor events = new SerialExecutor(work);
		DigitReceiver keys = new DigitReceiver(java.util.Objects.requireNonNull(choice.telephoneEvent()),
				key -> events.offer(() -> flow[0].key(key), MAX_PENDING_KEYS));
		Playback voice = new Playback(rtp, latch::destination);
		voice.hold(!direction.equals("sendrecv") && !direction.equals("sendonly"));
		call.playback = voice;
		flow[0] = new Retrieval(retrievalServices.on(events), voice, keys, law,
				() -> work.execute(() -> end(call, true)));
		call.retrieval = flow[0];
		CallerId caller = CallerIds.of(request, trusted.contains(call.source));
		Person known = caller.number() == null ? null : routing.person(caller.number()).orElse(null);
		answerAndStart(call, request, rtp, choice, direction, keys, voice, law);
		flow[0].start(known);
	}

	/** The call's media latch, expecting RTP from the offer's address (see {@link RtpLatch#mediaAddress}). */
	private RtpLatch latch(Call call, Sdp.Offer offer) {
		RtpLatch latch = new RtpLatch(RtpLatch.mediaAddress(offer, call.source, trusted.contains(call.source)),
				ticker::nanoTime);
		call.latch = latch;
		return latch;
	}

	/**
	 * Sends 200 OK with the SDP answer and starts the call's media: the dialog, the caller's RTP (what the call's
	 * latch accepts) to {@code sink}, and {@code voice} on the pacer.
	 */
	private void answerAndStart(Call call, Request request, DatagramChannel rtp, Sdp.Choice choice, String direction,
			MediaLoop.Sink sink, Playback voice, G711 law) throws Exception {
		if (calls.get(call.callId) != call) {
			// CANCELled (487 sent) while it was being routed: nothing to answer.
			call.close();
			return;
		}
		Response ok = messages().createResponse(Response.OK, request);
		((ToHeader) ok.getHeader(ToHeader.NAME)).setTag(tag());
		ok.addHeader(contact());
		ok.setContent(Sdp.answer(settings.address(), ((InetSocketAddress) rtp.getLocalAddress()).getPort(), choice,
				Math.abs(RANDOM.nextLong() % 1_000_000_000L), direction),
				headers().createContentTypeHeader("application", "sdp"));
		call.dialog = provider().getNewDialog(call.invite);
		call.answeredAt = ticker.nanoTime();
		call.answered = true;
		media.add(rtp, java.util.Objects.requireNonNull(call.latch).guard(sink));
		call.invite.sendResponse(ok);
		call.sending = pacer.register(voice, law.payloadType(), RANDOM.nextInt(), RANDOM.nextInt(65536),
				RANDOM.nextLong() & 0xffffffffL);
	}

	/** Hold (sendonly or inactive from the caller) means we stop sending: answer recvonly or inactive. */
	static String answerDirection(String offered) {
		return switch (offered) {
			case "sendonly" -> "recvonly";
			case "recvonly" -> "sendonly";
			case "inactive" -> "inactive";
			default -> "sendrecv";
		};
	}

	private void ack(RequestEvent event) {
		// The dialog is confirmed; media flows. Nothing to answer.
	}

	private void bye(RequestEvent event) throws Exception {
		Call call = calls.get(callId(event.getRequest()));
		respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
		if (call != null) {
			work.execute(() -> end(call, false));
		}
	}

	/**
	 * Ends a call once: stops its media, hangs up when {@code hangUp} (the caller heard their message was stored,
	 * or RTP stopped), and stores what was recorded unless the deposit already did.
	 */
	private void end(Call call, boolean hangUp) {
		if (!call.ended.compareAndSet(false, true)) {
			return;
		}
		calls.remove(call.callId);
		RtpPacer.Registration sending = call.sending;
		if (sending != null) {
			sending.cancel();
		}
		DatagramChannel rtp = call.rtp;
		if (rtp != null) {
			media.remove(rtp);
		}
		if (hangUp) {
			hangUp(call);
		}
		call.close();
		Retrieval retrieval = call.retrieval;
		if (retrieval != null) {
			retrieval.ended();
		}
		Deposit deposit = call.deposit;
		if (deposit != null) {
			deposit.store();
		}
	}

	private void hangUp(Call call) {
		Dialog dialog = call.dialog;
		if (dialog == null) {
			return;
		}
		try {
			Request bye = dialog.createRequest(Request.BYE);
			dialog.sendRequest(provider().getNewClientTransaction(bye));
		}
		catch (Exception ex) {
			log.debug("cannot send BYE: {}", ex.toString());
		}
	}

	/**
	 * Transfers the caller to the mailbox's transfer number (the caller pressed 0): REFER within the dialog, with
	 * {@code Refer-To} at the PBX ({@code voxbox.sip.transfer-host}, else the address the INVITE came from —
	 * never a host the caller wrote in {@code From}), so the PBX places the call; the recording is dropped, and
	 * Voxbox hangs up once the REFER is accepted.
	 */
	private void transfer(Call call, String number) {
		Dialog dialog = call.dialog;
		Deposit deposit = call.deposit;
		if (dialog == null || call.ended.get() || !call.transferring.compareAndSet(false, true)) {
			return;
		}
		if (deposit != null) {
			deposit.discard();
		}
		try {
			String host = !settings.transferHost().isEmpty() ? settings.transferHost()
					: call.source instanceof java.net.Inet6Address ? "[" + call.source.getHostAddress() + "]"
					: call.source.getHostAddress();
			SipURI target = addresses().createSipURI(number, host);
			Request refer = dialog.createRequest(Request.REFER);
			refer.addHeader(headers().createReferToHeader(addresses().createAddress(target)));
			dialog.sendRequest(provider().getNewClientTransaction(refer));
		}
		catch (Exception ex) {
			log.warn("cannot transfer a caller: {}", ex.toString());
		}
	}

	/**
	 * Ends the calls that overran a {@link CallLimits limit} (RTP silent, held too long, too long); what was
	 * recorded is kept. Runs every second on the timer thread; a test may call it after moving the
	 * {@link Ticker} on.
	 *
	 * @return how many calls it ends
	 */
	int endOverdueCalls() {
		long now = ticker.nanoTime();
		int ending = 0;
		for (Call call : calls.values()) {
			RtpLatch latch = call.latch;
			if (!call.answered || latch == null) {
				continue;
			}
			CallLimits.Overrun overrun = limits.overrun(now, call.answeredAt, call.directionSince, call.callerSends,
					latch.lastPacketNanos());
			if (overrun != null) {
				log.info("ending a call: {}", overrun);
				ending++;
				work.execute(() -> end(call, true));
			}
		}
		return ending;
	}

	private void cancel(RequestEvent event) throws Exception {
		Call call = calls.get(callId(event.getRequest()));
		respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
		if (call != null && !call.answered) {
			calls.remove(call.callId);
			call.close();
			call.invite.sendResponse(messages().createResponse(Response.REQUEST_TERMINATED, call.invite.getRequest()));
		}
	}

	private void finish(Call call, int status) {
		calls.remove(call.callId);
		call.close();
		try {
			Response response;
			if (status == Response.SERVICE_UNAVAILABLE) {
				response = busy(call.invite.getRequest());
			}
			else {
				response = messages().createResponse(status, call.invite.getRequest());
				if (status >= 300) {
					((ToHeader) response.getHeader(ToHeader.NAME)).setTag(tag());
				}
			}
			call.invite.sendResponse(response);
		}
		catch (Exception ex) {
			log.debug("cannot send final response: {}", ex.toString());
		}
	}

	/** Answers (or drops) a request that {@link SipScreening} refused; a 481 to an INVITE within a transaction. */
	private void refuse(RequestEvent event, SipScreening.Refusal refusal) throws Exception {
		Request request = event.getRequest();
		if (refusal.drop()) {
			log.debug("dropping a refused SIP {}", request.getMethod());
			return;
		}
		Response response = messages().createResponse(refusal.status(), request);
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

	private void respond(RequestEvent event, int status, @Nullable String reason) throws Exception {
		Response response = messages().createResponse(status, event.getRequest());
		if (reason != null) {
			response.setReasonPhrase(reason);
		}
		send(event, response);
	}

	private void send(RequestEvent event, Response response) throws SipException, InvalidArgumentException {
		ServerTransaction transaction = event.getServerTransaction();
		if (transaction != null) {
			transaction.sendResponse(response);
		}
		else {
			provider().sendResponse(response);
		}
	}

	private ServerTransaction serverTransaction(RequestEvent event)
			throws TransactionAlreadyExistsException, TransactionUnavailableException {
		ServerTransaction transaction = event.getServerTransaction();
		return transaction != null ? transaction : provider().getNewServerTransaction(event.getRequest());
	}

	private ContactHeader contact() throws Exception {
		SipURI uri = addresses().createSipURI("voxbox", settings.address() + ":" + settings.port());
		return headers().createContactHeader(addresses().createAddress(uri));
	}

	private static String tag() {
		return Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
	}

	private static String callId(javax.sip.message.Message message) {
		var header = (javax.sip.header.CallIdHeader) message.getHeader(javax.sip.header.CallIdHeader.NAME);
		return header == null ? "" : header.getCallId();
	}

	/**
	 * Points the top Via's {@code received} at the transport source when the sender wrote another address there:
	 * answers go where {@code received} says (RFC 3261 18.2.2), and no sender may aim Voxbox's answers at a third
	 * party. (The stack sets {@code received} itself only when the Via host differs from the source.)
	 */
	private static void answerToSource(Request request, @Nullable InetAddress source) {
		var via = (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
		if (via == null || source == null || via.getReceived() == null
				|| via.getReceived().equals(source.getHostAddress())) {
			return;
		}
		try {
			via.setReceived(source.getHostAddress());
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException("an address the stack itself reported does not parse: " + source, ex);
		}
	}

	/**
	 * The address the request came from: the source of its datagram or TCP connection, as the stack saw it —
	 * never the {@code Via} host or its {@code received}/{@code rport}, which the sender writes.
	 */
	private static @Nullable InetAddress sourceOf(Request request) {
		return request instanceof SIPMessage message ? message.getRemoteAddress() : null;
	}
	@Override
	public void processResponse(ResponseEvent event) {
		Response response = event.getResponse();
		var cseq = (javax.sip.header.CSeqHeader) response.getHeader(javax.sip.header.CSeqHeader.NAME);
		if (cseq != null && Request.REFER.equals(cseq.getMethod()) && response.getStatusCode() >= 200) {
			Call call = calls.get(callId(response));
			if (call != null) {
				// Accepted: the caller's side places the new call; refused: nothing to keep either.
				work.execute(() -> end(call, true));
			}
		}
	}

	@Override
	public void processTimeout(TimeoutEvent event) {
		ServerTransaction transaction = event.getServerTransaction();
		if (transaction != null) {
			Call call = calls.remove(callId(transaction.getRequest()));
			if (call != null) {
				call.close();
			}
		}
	}

	@Override
	public void processIOException(IOExceptionEvent event) {
		log.debug("SIP I/O problem with {}:{}", event.getHost(), event.getPort());
	}

	@Override
	public void processTransactionTerminated(TransactionTerminatedEvent event) {
		// transactions end on their own; calls end with BYE, CANCEL or a timeout
	}

	@Override
	public void processDialogTerminated(DialogTerminatedEvent event) {
		// dialogs end with their calls
	}

	private MessageFactory messages() {
		return java.util.Objects.requireNonNull(messages, "SIP not started");
	}

	private HeaderFactory headers() {
		return java.util.Objects.requireNonNull(headers, "SIP not started");
	}

	private javax.sip.address.AddressFactory addresses() {
		return java.util.Objects.requireNonNull(addresses, "SIP not started");
	}

	private SipProvider provider() {
		return java.util.Objects.requireNonNull(provider, "SIP not started");
	}


}
