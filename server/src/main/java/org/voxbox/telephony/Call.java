package org.voxbox.telephony;

import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;

import org.jspecify.annotations.Nullable;
import org.voxbox.media.G711;
import org.voxbox.media.RtpPacer;

/**
 * One call, from its INVITE to its end: its transaction and dialog, its media (socket, latch, what it plays),
 * the flow it runs (a {@link Deposit} or a {@link Retrieval}) and its times. Fields are set as the call is
 * answered, on the call executor, and read from other threads; a call ends once, through {@link Calls#end}.
 */
final class Call {

	final String callId;

	final ServerTransaction invite;

	/** Where the INVITE came from: the transport's source address, which the network cannot forge. */
	final InetAddress source;

	/** Whether this source may name another media host in its SDP and assert the caller's identity. */
	final boolean trusted;

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

	/** Whether Voxbox's audio reaches the caller: not while they hold (we answered recvonly or inactive). */
	volatile boolean callerHears = true;

	/** When the caller last offered a direction, and when the call was answered (the {@link Ticker}'s time). */
	volatile long directionSince;

	volatile long answeredAt;

	/** The language and codec of what the caller hears, for a goodbye when Voxbox stops. */
	volatile Locale language = Locale.ENGLISH;

	volatile G711 law = G711.ULAW;

	volatile boolean answered;

	final AtomicBoolean ended = new AtomicBoolean();

	/** Completes when the call has ended and everything it held is released. */
	final CompletableFuture<Void> over = new CompletableFuture<>();

	final AtomicBoolean transferring = new AtomicBoolean();

	Call(String callId, ServerTransaction invite, InetAddress source, boolean trusted) {
		this.callId = callId;
		this.invite = invite;
		this.source = source;
		this.trusted = trusted;
	}

	/** The caller offered {@code direction} (sendrecv, sendonly, recvonly, inactive) at {@code now}. */
	void offered(String direction, long now) {
		callerSends = direction.equals("sendrecv") || direction.equals("sendonly");
		callerHears = direction.equals("sendrecv") || direction.equals("recvonly");
		directionSince = now;
	}
}
