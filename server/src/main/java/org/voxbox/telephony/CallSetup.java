package org.voxbox.telephony;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.CallerId;
import org.voxbox.media.G711;
import org.voxbox.media.RtpPacer;

/**
 * Answers a new INVITE and wires up its call: routing (404 for an unknown number, 480 when voicemail is off,
 * 488 without a common codec — or, for the pilot, without telephone-event), an RTP port (503 when none is
 * free), the call's {@link RtpLatch}, its flow (a {@link Deposit} for a mailbox, a {@link Retrieval} for the
 * pilot), then the 200 with the SDP answer, the dialog, the caller's RTP into the media loop and Voxbox's on
 * the pacer. Also answers a re-INVITE: a new direction (hold, resume) and a new media address.
 */
final class CallSetup {

	private static final Logger log = LoggerFactory.getLogger(CallSetup.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Key presses of one call that may wait to be handled; more are dropped (no caller presses 32 ahead). */
	private static final int MAX_PENDING_KEYS = 32;

	/** What setting up calls needs; made once by the endpoint. */
	record Parts(SipSettings settings, CallRouting routing, MediaLoop media, RtpPacer pacer, RtpPorts rtpPorts,
			SipTransport transport, Calls calls, Transfer transfer, Deposit.Services deposits,
			Retrieval.Services retrievals, Executor work, Ticker ticker) {
	}

	private final Parts parts;

	CallSetup(Parts parts) {
		this.parts = parts;
	}

	/** Routes and answers a new INVITE. On the call executor. */
	void answer(Call call, Request request) {
		try {
			URI uri = request.getRequestURI();
			String user = uri instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "";
			Forwarding forwarding = Forwarding.of(request);
			CallRouting.Route route = parts.routing().route(forwarding.mailboxUser().orElse(user));
			if (route instanceof CallRouting.Unknown) {
				refuse(call, Response.NOT_FOUND);
				return;
			}
			if (route instanceof CallRouting.Disabled) {
				refuse(call, Response.TEMPORARILY_UNAVAILABLE);
				return;
			}
			Optional<Sdp.Offer> offer = Sdp.parse(request.getRawContent());
			Optional<Sdp.Choice> choice = offer.flatMap(Sdp::choose);
			if (choice.isEmpty() || (route instanceof CallRouting.Pilot && choice.get().telephoneEvent() == null)) {
				// Retrieval needs RFC 4733 key presses; there is no in-band DTMF detection.
				refuse(call, Response.NOT_ACCEPTABLE_HERE);
				return;
			}
			if (route instanceof CallRouting.Pilot) {
				retrieve(call, request, offer.get(), choice.get());
			}
			else {
				deposit(call, request, forwarding, ((CallRouting.Mailbox) route).owner(), offer.get(), choice.get());
			}
		}
		catch (RtpPorts.NoneFree full) {
			log.warn("refusing a call: {}", full.getMessage());
			refuse(call, Response.SERVICE_UNAVAILABLE);
		}
		catch (Exception ex) {
			log.warn("cannot answer call: {}", ex.toString());
			refuse(call, Response.SERVER_INTERNAL_ERROR);
		}
	}

	/** Answers a call to a mailbox: the greeting, then the caller's message. */
	private void deposit(Call call, Request request, Forwarding forwarding, Person owner, Sdp.Offer offer,
			Sdp.Choice choice) throws Exception {
		DatagramChannel rtp = parts.rtpPorts().open();
		call.rtp = rtp;
		RtpLatch latch = latch(call, offer);
		CallerId caller = CallerIds.of(request, call.trusted);
		String priority = SipHeaders.value(request.getHeader("Priority"));
		boolean urgent = priority != null
				&& (priority.equalsIgnoreCase("urgent") || priority.equalsIgnoreCase("emergency"));
		G711 law = law(choice);
		call.law = law;
		call.language = owner.language();
		call.offered(offer.direction(), parts.ticker().nanoTime());
		Deposit deposit = new Deposit(parts.deposits(), owner, caller, urgent, forwarding.busy(), law,
				choice.telephoneEvent(), rtp, latch::destination, () -> parts.calls().end(call, Calls.Ending.HUNG_UP),
				number -> parts.transfer().to(call, number));
		call.deposit = deposit;
		call.playback = deposit.voice();
		deposit.voice().hold(!call.callerHears);
		answerAndStart(call, request, rtp, choice, offer.direction(), deposit.sink(), deposit.voice());
	}

	/** Answers a call to the pilot and runs the retrieval flow: mailbox number, PIN, then the message counts. */
	private void retrieve(Call call, Request request, Sdp.Offer offer, Sdp.Choice choice) throws Exception {
		DatagramChannel rtp = parts.rtpPorts().open();
		call.rtp = rtp;
		G711 law = law(choice);
		call.law = law;
		RtpLatch latch = latch(call, offer);
		call.offered(offer.direction(), parts.ticker().nanoTime());
		Retrieval[] flow = new Retrieval[1];
		// Every event of this call (keys, PIN verdicts, the end of a message) runs in order, one at a time.
		SerialExecutor events = new SerialExecutor(parts.work());
		DigitReceiver keys = new DigitReceiver(Objects.requireNonNull(choice.telephoneEvent()),
				key -> events.offer(() -> flow[0].key(key), MAX_PENDING_KEYS));
		Playback voice = new Playback(rtp, latch::destination);
		voice.hold(!call.callerHears);
		call.playback = voice;
		flow[0] = new Retrieval(parts.retrievals().on(events), voice, keys, law,
				() -> parts.calls().end(call, Calls.Ending.HUNG_UP));
		call.retrieval = flow[0];
		CallerId caller = CallerIds.of(request, call.trusted);
		Person known = caller.number() == null ? null : parts.routing().person(caller.number()).orElse(null);
		answerAndStart(call, request, rtp, choice, offer.direction(), keys, voice);
		flow[0].start(known);
	}

	/** Answers a re-INVITE within the call: the caller holds, resumes or moves their media. */
	void reinvite(RequestEvent event, Call call) throws Exception {
		Request request = event.getRequest();
		ServerTransaction transaction = parts.transport().serverTransaction(event);
		Optional<Sdp.Offer> offer = Sdp.parse(request.getRawContent());
		Optional<Sdp.Choice> choice = offer.flatMap(Sdp::choose);
		DatagramChannel rtp = call.rtp;
		if (choice.isEmpty() || rtp == null) {
			transaction.sendResponse(parts.transport().response(Response.NOT_ACCEPTABLE_HERE, request));
			return;
		}
		call.offered(offer.get().direction(), parts.ticker().nanoTime());
		RtpLatch latch = call.latch;
		if (latch != null) {
			latch.expect(RtpLatch.mediaAddress(offer.get(), call.source, call.trusted));
		}
		Playback playback = call.playback;
		if (playback != null) {
			playback.hold(!call.callerHears);
		}
		transaction.sendResponse(parts.transport().ok(request, Sdp.answer(parts.settings().address(), port(rtp),
				choice.get(), System.currentTimeMillis() / 1000, answerDirection(offer.get().direction())), false));
	}

	/** The call's media latch, expecting RTP from the offer's address (see {@link RtpLatch#mediaAddress}). */
	private RtpLatch latch(Call call, Sdp.Offer offer) {
		RtpLatch latch = new RtpLatch(RtpLatch.mediaAddress(offer, call.source, call.trusted),
				parts.ticker()::nanoTime);
		call.latch = latch;
		return latch;
	}

	/**
	 * Sends 200 OK with the SDP answer and starts the call's media: the dialog, the caller's RTP (what the call's
	 * latch accepts) to {@code sink}, and {@code voice} on the pacer.
	 */
	private void answerAndStart(Call call, Request request, DatagramChannel rtp, Sdp.Choice choice, String offered,
			MediaLoop.Sink sink, Playback voice) throws Exception {
		if (call.ended.get()) {
			// CANCELled (487 sent) while it was being routed: nothing to answer.
			return;
		}
		Response ok = parts.transport().ok(request, Sdp.answer(parts.settings().address(), port(rtp), choice,
				Math.abs(RANDOM.nextLong() % 1_000_000_000L), answerDirection(offered)), true);
		call.dialog = parts.transport().dialog(call.invite);
		call.answeredAt = parts.ticker().nanoTime();
		call.answered = true;
		parts.media().add(rtp, Objects.requireNonNull(call.latch).guard(sink));
		call.invite.sendResponse(ok);
		call.sending = parts.pacer().register(voice, call.law.payloadType(), RANDOM.nextInt(), RANDOM.nextInt(65536),
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

	/** Answers the INVITE with a final refusal (503 with Retry-After) and ends the call. */
	private void refuse(Call call, int status) {
		try {
			Request request = call.invite.getRequest();
			call.invite.sendResponse(status == Response.SERVICE_UNAVAILABLE ? parts.transport().busy(request)
					: parts.transport().response(status, request));
		}
		catch (Exception ex) {
			log.debug("cannot send final response: {}", ex.toString());
		}
		parts.calls().end(call, Calls.Ending.NOT_ANSWERED);
	}

	private static G711 law(Sdp.Choice choice) {
		return choice.payloadType() == Sdp.PCMA ? G711.ALAW : G711.ULAW;
	}

	private static int port(DatagramChannel rtp) throws java.io.IOException {
		return ((InetSocketAddress) rtp.getLocalAddress()).getPort();
	}
}
