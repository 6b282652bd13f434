package org.voxbox.telephony;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.voxbox.media.RtpPacer;

/**
 * The calls in progress, by Call-ID (gauge {@code voxbox.calls.active}), and the one way a call ends:
 * {@link #end}.
 */
final class Calls {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Calls.class);

	/** Why a call ends: what its end must do besides releasing what it holds. */
	enum Ending {
		/** The caller sent BYE: nothing to send. */
		CALLER_HUNG_UP(false),
		/** Voxbox ends an answered call (the flow is over, a limit was overrun, a transfer, a stop): BYE. */
		HUNG_UP(true),
		/** Never answered (refused, cancelled, timed out): its final response was sent by whoever decided it. */
		NOT_ANSWERED(false);

		final boolean sendsBye;

		Ending(boolean sendsBye) {
			this.sendsBye = sendsBye;
		}
	}

	private final Map<String, Call> calls = new ConcurrentHashMap<>();

	private final MediaLoop media;

	private final SipTransport transport;

	private final Executor slow;

	Calls(MediaLoop media, SipTransport transport, Executor slow, MeterRegistry meters) {
		this.media = media;
		this.transport = transport;
		this.slow = slow;
		Gauge.builder("voxbox.calls.active", calls, Map::size).description("Calls in progress").register(meters);
	}

	/**
	 * Adds the call unless {@code max} calls are in progress already; the check and the add are one step, so
	 * INVITEs arriving at once on the stack's threads cannot overshoot the limit.
	 *
	 * @return whether it was added
	 */
	synchronized boolean admit(Call call, int max) {
		if (calls.size() >= max) {
			return false;
		}
		calls.put(call.callId, call);
		return true;
	}

	@Nullable Call get(String callId) {
		return calls.get(callId);
	}

	int size() {
		return calls.size();
	}

	List<Call> all() {
		return List.copyOf(calls.values());
	}

	/**
	 * Ends the call, once whoever asks: it leaves the registry at once (so an answer being prepared sees it
	 * ended), then, on the slow executor — never a thread that carries SIP, RTP or another call's keys —, its
	 * audio stops (a message's copy being played is let go), it is hung up when {@code why} says so, its socket
	 * closes, its flow is told (a retrieval stops waiting for keys) and what a deposit recorded is stored unless it
	 * was already. {@link Call#over} completes after.
	 */
	void end(Call call, Ending why) {
		if (!call.ended.compareAndSet(false, true)) {
			return;
		}
		calls.remove(call.callId, call);
		slow.execute(() -> release(call, why));
	}

	private void release(Call call, Ending why) {
		try {
			RtpPacer.Registration sending = call.sending;
			if (sending != null) {
				sending.cancel();
			}
			Playback playback = call.playback;
			if (playback != null) {
				playback.stop();
			}
			DatagramChannel rtp = call.rtp;
			if (rtp != null) {
				media.remove(rtp);
			}
			if (why.sendsBye && call.dialog != null) {
				transport.bye(call.dialog);
			}
			if (rtp != null) {
				try {
					rtp.close();
				}
				catch (IOException ignored) {
					// closing anyway
				}
			}
			Retrieval retrieval = call.retrieval;
			if (retrieval != null) {
				retrieval.ended();
			}
			Deposit deposit = call.deposit;
			if (deposit != null) {
				deposit.store();
			}
		}
		catch (RuntimeException ex) {
			log.error("a call did not end cleanly", ex);
		}
		finally {
			call.over.complete(null);
		}
	}
}
