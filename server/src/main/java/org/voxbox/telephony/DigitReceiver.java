package org.voxbox.telephony;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.voxbox.media.DtmfReceiver;
import org.voxbox.media.RtpPacket;

/**
 * Listens to a caller's RTP for RFC 4733 key presses (each reported once) and remembers where their media
 * comes from. Runs on the media thread; the consumer must not block.
 */
final class DigitReceiver implements MediaLoop.Sink {

	private final DtmfReceiver dtmf;

	private final Consumer<Character> keys;

	private volatile @Nullable InetSocketAddress remote;

	private volatile long lastPacketNanos = System.nanoTime();

	DigitReceiver(int telephoneEvent, Consumer<Character> keys) {
		this.dtmf = new DtmfReceiver(telephoneEvent);
		this.keys = keys;
	}

	@Override
	public void datagram(ByteBuffer data, InetSocketAddress from) {
		if (remote == null) {
			remote = from;
		}
		lastPacketNanos = System.nanoTime();
		RtpPacket.parse(data).flatMap(dtmf::receive).ifPresent(keys);
	}

	@Nullable InetSocketAddress remote() {
		return remote;
	}

	long lastPacketNanos() {
		return lastPacketNanos;
	}
}
