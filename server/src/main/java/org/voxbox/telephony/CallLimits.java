package org.voxbox.telephony;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * What a caller may hold, and for how long: a call ends when the caller's RTP has been silent for
 * {@code voxbox.sip.rtp-timeout-seconds} (not while they hold the call: then they send nothing), when they have
 * held it for {@code voxbox.sip.max-hold-seconds}, or when it has lasted {@code voxbox.sip.max-call-seconds}.
 * Plain logic over the call's times, read from a {@link Ticker}.
 */
final class CallLimits {

	/** Why a call is ended by Voxbox. */
	enum Overrun {
		RTP_TIMEOUT, HELD_TOO_LONG, TOO_LONG
	}

	private final long rtpTimeout;

	private final long maxHold;

	private final long maxCall;

	CallLimits(SipSettings settings) {
		this.rtpTimeout = TimeUnit.SECONDS.toNanos(settings.rtpTimeoutSeconds());
		this.maxHold = TimeUnit.SECONDS.toNanos(settings.maxHoldSeconds());
		this.maxCall = TimeUnit.SECONDS.toNanos(settings.maxCallSeconds());
	}

	/**
	 * Which limit the call has overrun at {@code now}, or null.
	 *
	 * @param answeredAt when the call was answered
	 * @param directionSince when the caller last changed direction (offered or re-offered)
	 * @param callerSends whether the caller's direction says they send (sendrecv, sendonly)
	 * @param lastPacket when the caller's media last arrived (or the call started)
	 */
	@Nullable Overrun overrun(long now, long answeredAt, long directionSince, boolean callerSends, long lastPacket) {
		if (now - answeredAt > maxCall) {
			return Overrun.TOO_LONG;
		}
		if (!callerSends) {
			return now - directionSince > maxHold ? Overrun.HELD_TOO_LONG : null;
		}
		return now - Math.max(lastPacket, directionSince) > rtpTimeout ? Overrun.RTP_TIMEOUT : null;
	}
}
