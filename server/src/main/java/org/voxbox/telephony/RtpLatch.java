package org.voxbox.telephony;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Decides which datagrams are a call's media, and where Voxbox sends its own: the first RTP packet from the
 * expected address (the caller's SDP {@code c=} host, any port, so that a NAT may rewrite the port) latches the
 * call to that source and its SSRC; from then on only that source is heard — its audio, its key presses and
 * its liveness for the RTP timeout — and Voxbox's audio goes there (symmetric RTP). Another source takes over
 * only from the expected address, with a new SSRC, after the latched source has been silent for
 * {@link #RELATCH_SILENCE}; a stranger elsewhere is never heard and never sent to. Before the latch, audio
 * goes to the SDP address and port. A re-INVITE that moves the media ({@link #expect}) starts over.
 *
 * <p>{@link #accept} runs on the media thread; the rest may be called from any thread.
 */
final class RtpLatch {

	/** How long the latched source must have been silent before another may take the call over. */
	static final long RELATCH_SILENCE = TimeUnit.SECONDS.toNanos(1);

	private final LongSupplier nanoTime;

	private InetSocketAddress expected;

	private @Nullable InetSocketAddress latched;

	private long ssrc;

	private volatile long lastPacketNanos;

	/**
	 * @param expected the SDP's address and port (for an untrusted peer with the SIP message's source as host)
	 * @param nanoTime the clock, {@link System#nanoTime} outside tests
	 */
	RtpLatch(InetSocketAddress expected, LongSupplier nanoTime) {
		this.expected = expected;
		this.nanoTime = nanoTime;
		this.lastPacketNanos = nanoTime.getAsLong();
	}

	/**
	 * The media address of an offer: its {@code c=} host when the peer is trusted (a PBX or SBC whose media
	 * comes from elsewhere), else the address the SIP message came from — so that no one can aim Voxbox's audio
	 * at a third party by writing its address in the SDP. Also the source address when a trusted peer's host
	 * is unspecified ({@code 0.0.0.0}, an old way to hold).
	 */
	static InetSocketAddress mediaAddress(Sdp.Offer offer, InetAddress source, boolean trusted) {
		InetSocketAddress written = new InetSocketAddress(offer.address(), offer.port());
		if (!trusted || written.getAddress() == null || written.getAddress().isAnyLocalAddress()) {
			return new InetSocketAddress(source, offer.port());
		}
		return written;
	}

	/** Whether the datagram is this call's media; latches on the first one from the expected address. */
	synchronized boolean accept(ByteBuffer data, InetSocketAddress from) {
		int at = data.position();
		if (data.remaining() < 12 || (data.get(at) & 0xC0) != 0x80) {
			return false;
		}
		long packetSsrc = data.getInt(at + 8) & 0xFFFF_FFFFL;
		long now = nanoTime.getAsLong();
		if (latched != null && from.equals(latched)) {
			ssrc = packetSsrc; // the same source may restart its stream
		}
		else if (!from.getAddress().equals(expected.getAddress())) {
			return false;
		}
		else if (latched != null && (packetSsrc == ssrc || now - lastPacketNanos < RELATCH_SILENCE)) {
			return false; // the caller still sends, or someone replays their stream from elsewhere
		}
		else {
			latched = from;
			ssrc = packetSsrc;
		}
		lastPacketNanos = now;
		return true;
	}

	/** A sink that hears only what {@link #accept} accepts. */
	MediaLoop.Sink guard(MediaLoop.Sink sink) {
		return (data, from) -> {
			if (accept(data, from)) {
				sink.datagram(data, from);
			}
		};
	}

	/** Where Voxbox's audio goes: the latched source, else the expected address. */
	synchronized InetSocketAddress destination() {
		return latched != null ? latched : expected;
	}

	/** A re-INVITE's media address: when it moved, the latch starts over there. */
	synchronized void expect(InetSocketAddress address) {
		if (!address.equals(expected)) {
			expected = address;
			latched = null;
		}
	}

	/** When the latched source last sent (the clock's nanoseconds), or when the call started. */
	long lastPacketNanos() {
		return lastPacketNanos;
	}
}
