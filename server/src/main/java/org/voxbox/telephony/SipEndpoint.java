package org.voxbox.telephony;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.voxbox.mailbox.Greetings;
import org.voxbox.mailbox.Mailboxes;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.RtpPacer;
import org.voxbox.pin.PhonePin;
import org.voxbox.pin.PinVerification;

/**
 * Voxbox's SIP user agent: it takes each request from the {@link SipTransport}, refuses peers outside the
 * allow-list by their transport source address (403), what {@link SipScreening} finds hostile, and methods it
 * does not implement (405); answers OPTIONS probes; admits INVITEs while there is room (else 503 with
 * {@code Retry-After}) and hands them to {@link CallSetup}; ends calls on BYE, CANCEL, a transaction timeout,
 * an answered REFER ({@link Transfer}) or an overrun {@link CallLimits limit} — always through
 * {@link Calls#end}. The stack's threads never block: routing, which reads the database, and a retrieval
 * call's events run on a small executor; storing a message and the end of a call on another, so that they
 * never hold up a call's keys. A graceful stop says goodbye to every call and stores its message first.
 */
@Component
class SipEndpoint implements SipListener, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SipEndpoint.class);

	/** How long a graceful stop waits for the calls in progress to be stored and told goodbye. */
	private static final Duration FAREWELL_PATIENCE = Duration.ofSeconds(10);

	private final SipSettings settings;

	private final Prompts prompts;

	private final Ticker ticker;

	private final CallLimits limits;

	private final Networks allowed;

	private final Networks trusted;

	private final SipTransport transport;

	private final Calls calls;

	private final CallSetup setup;

	private final Transfer transfer;

	/** Call events: routing and answering an INVITE, a retrieval call's keys and menus. */
	private final ExecutorService work;

	/**
	 * What may take long — storing a message, ending a call (which waits for the media thread) — so that it
	 * never holds up another call's keys.
	 */
	private final ExecutorService slow;

	/** The limits' sweep and each retrieval call's idle limit. */
	private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
		Thread t = new Thread(r, "sip-timers");
		t.setDaemon(true);
		return t;
	});

	private final RtpPacer pacer = new RtpPacer();

	private volatile boolean running;

	SipEndpoint(SipSettings settings, CallRouting routing, MediaLoop media, VoiceMessages messages,
			org.voxbox.mailbox.MessageDeposit deposits, RecordingSpool spool, PlaySpool playSpool, Prompts prompts,
			PinVerification verification, Mailboxes mailboxes, PhonePin phonePin, Greetings greetings,
			CallerGreeting callerGreeting, Clock clock, MeterRegistry meters, ObjectProvider<Ticker> tickers) {
		this.settings = settings;
		this.prompts = prompts;
		this.ticker = tickers.getIfAvailable(() -> Ticker.SYSTEM);
		this.limits = new CallLimits(settings);
		this.allowed = new Networks(settings.allowedPeers());
		this.trusted = new Networks(settings.trustedPeers());
		AtomicInteger n = new AtomicInteger();
		this.work = Executors.newFixedThreadPool(4, r -> {
			Thread t = new Thread(r, "sip-calls-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		AtomicInteger m = new AtomicInteger();
		this.slow = Executors.newFixedThreadPool(4, r -> {
			Thread t = new Thread(r, "sip-store-" + m.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
		SipTransport sip = new SipTransport(settings);
		this.transport = sip;
		this.calls = new Calls(media, sip, slow, meters);
		this.transfer = new Transfer(settings, sip, calls);
		// An idle limit is restarted at every key: cancelled ones leave the queue at once.
		timers.setRemoveOnCancelPolicy(true);
		Deposit.Services depositServices = new Deposit.Services(slow, settings, prompts, callerGreeting, messages,
				deposits, mailboxes, spool, clock);
		Retrieval.Services retrievalServices = new Retrieval.Services(work, prompts, routing, verification, messages,
				playSpool, phonePin, greetings, callerGreeting, clock, settings.zone(), Timers.on(timers),
				Duration.ofSeconds(settings.retrievalIdleSeconds()), slow);
		this.setup = new CallSetup(new CallSetup.Parts(settings, routing, media, pacer,
				new RtpPorts(settings.address(), settings.rtpPortMin(), settings.rtpPortMax()), sip, calls, transfer,
				depositServices, retrievalServices, work, ticker));
		Gauge.builder("voxbox.rtp.send.lateness.p50", pacer, p -> p.lateness().p50Millis()).baseUnit("milliseconds")
			.description("Median lateness of RTP frames against their 20 ms schedule").register(meters);
		Gauge.builder("voxbox.rtp.send.lateness.p99", pacer, p -> p.lateness().p99Millis()).baseUnit("milliseconds")
			.description("99th percentile lateness of RTP frames against their 20 ms schedule").register(meters);
		Gauge.builder("voxbox.rtp.send.lateness.max", pacer, p -> p.lateness().maxMillis()).baseUnit("milliseconds")
			.description("Largest lateness of an RTP frame against its 20 ms schedule").register(meters);
		Gauge.builder("voxbox.rtp.send.frames", pacer, p -> p.lateness().packets()).description("RTP frames sent")
			.register(meters);
	}

	@Override
	public void start() {
		if (!settings.enabled()) {
			return;
		}
		try {
			transport.start(this);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start SIP on " + settings.address() + ":" + settings.port(), ex);
		}
		pacer.start();
		timers.scheduleWithFixedDelay(this::endOverdueCalls, 1, 1, TimeUnit.SECONDS);
		running = true;
		log.info("SIP listening on {}:{} (UDP, TCP); peers allowed from {}", settings.address(), settings.port(),
				settings.allowedPeers());
	}

	/**
	 * Stops gracefully: new INVITEs get 503; every call in progress has its message stored (a deposit), hears
	 * "goodbye" and gets a BYE, for at most {@link #FAREWELL_PATIENCE}; then the stack stops.
	 */
	@Override
	public void stop() {
		running = false;
		List<Call> inProgress = calls.all();
		for (Call call : inProgress) {
			slow.execute(() -> farewell(call));
		}
		try {
			CompletableFuture.allOf(inProgress.stream().map(c -> c.over).toArray(CompletableFuture[]::new))
				.get(FAREWELL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			log.warn("stopping with {} calls not yet ended", inProgress.stream().filter(c -> !c.over.isDone()).count());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			log.warn("a call did not end cleanly: {}", ex.getCause().toString());
		}
		transport.stop();
		timers.shutdownNow();
		work.shutdownNow();
		slow.shutdownNow();
		pacer.close();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Ends a call because Voxbox stops: an unanswered one gets 503; an answered one has its message stored, hears
	 * "goodbye" in the owner's language (unless they hold the call) and is hung up on. On the slow executor.
	 */
	private void farewell(Call call) {
		try {
			if (!call.answered) {
				call.invite.sendResponse(transport.busy(call.invite.getRequest()));
				calls.end(call, Calls.Ending.NOT_ANSWERED);
				return;
			}
			Deposit deposit = call.deposit;
			if (deposit != null) {
				deposit.store();
			}
			Playback voice = call.playback;
			if (voice == null || call.sending == null || !call.callerHears) {
				calls.end(call, Calls.Ending.HUNG_UP);
				return;
			}
			voice.play(prompts.get(call.language, "goodbye", call.law), () -> calls.end(call, Calls.Ending.HUNG_UP));
		}
		catch (Exception ex) {
			log.warn("cannot end a call gracefully: {}", ex.toString());
			calls.end(call, Calls.Ending.HUNG_UP);
		}
	}

	@Override
	public void processRequest(RequestEvent event) {
		Request request = event.getRequest();
		String method = request.getMethod();
		try {
			InetAddress peer = SipTransport.sourceOf(request);
			SipTransport.answerToSource(request, peer);
			if (peer == null || !allowed.contains(peer)) {
				transport.respond(event, Response.FORBIDDEN, null);
				return;
			}
			Call call = calls.get(SipTransport.callId(request));
			SipScreening.Refusal refusal = SipScreening.check(request, event.getDialog() != null && call != null);
			if (refusal != null) {
				transport.refuse(event, refusal);
				return;
			}
			switch (method) {
				case Request.OPTIONS -> transport.respond(event, Response.OK, null);
				case Request.INVITE -> invite(event, peer, call);
				case Request.ACK -> {
					// The dialog is confirmed; media flows. Nothing to answer.
				}
				case Request.BYE -> {
					transport.respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK,
							null);
					if (call != null) {
						calls.end(call, Calls.Ending.CALLER_HUNG_UP);
					}
				}
				case Request.CANCEL -> cancel(event, call);
				default -> transport.send(event, transport.methodNotAllowed(request));
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
				transport.respond(event, Response.SERVER_INTERNAL_ERROR, null);
			}
			catch (Exception ignored) {
				// the transaction is gone
			}
		}
	}

	/**
	 * A re-INVITE goes to its call; a new INVITE gets 503 while Voxbox is full ({@code voxbox.sip.max-calls}) or
	 * stopping, else 100 Trying and is answered on the call executor.
	 */
	private void invite(RequestEvent event, InetAddress source, @Nullable Call existing) throws Exception {
		if (existing != null && event.getDialog() != null) {
			setup.reinvite(event, existing);
			return;
		}
		Request request = event.getRequest();
		ServerTransaction transaction = transport.serverTransaction(event);
		Call call = new Call(SipTransport.callId(request), transaction, source, trusted.contains(source));
		if (!running || !calls.admit(call, settings.maxCalls())) {
			// The caller's PBX tries again later, or another node.
			transaction.sendResponse(transport.busy(request));
			return;
		}
		transaction.sendResponse(transport.response(Response.TRYING, request));
		work.execute(() -> setup.answer(call, request));
	}

	/** CANCEL of an INVITE not yet answered: 200 to the CANCEL, 487 to the INVITE. */
	private void cancel(RequestEvent event, @Nullable Call call) throws Exception {
		transport.respond(event, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
		if (call != null && !call.answered) {
			calls.end(call, Calls.Ending.NOT_ANSWERED);
			call.invite.sendResponse(transport.response(Response.REQUEST_TERMINATED, call.invite.getRequest()));
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
		for (Call call : calls.all()) {
			RtpLatch latch = call.latch;
			if (!call.answered || latch == null) {
				continue;
			}
			CallLimits.Overrun overrun = limits.overrun(now, call.answeredAt, call.directionSince, call.callerSends,
					latch.lastPacketNanos());
			if (overrun != null) {
				log.info("ending a call: {}", overrun);
				ending++;
				calls.end(call, Calls.Ending.HUNG_UP);
			}
		}
		return ending;
	}

	@Override
	public void processResponse(ResponseEvent event) {
		Response response = event.getResponse();
		CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
		if (cseq != null && Request.REFER.equals(cseq.getMethod()) && response.getStatusCode() >= 200) {
			transfer.answered(SipTransport.callId(response));
		}
	}

	@Override
	public void processTimeout(TimeoutEvent event) {
		ServerTransaction transaction = event.getServerTransaction();
		if (transaction != null) {
			Call call = calls.get(SipTransport.callId(transaction.getRequest()));
			if (call != null && call.invite == transaction) {
				// No ACK to our answer (or no answer could be sent): the call is gone.
				calls.end(call, call.answered ? Calls.Ending.HUNG_UP : Calls.Ending.NOT_ANSWERED);
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
}
