package org.voxbox.telephony;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.voxbox.media.DtmfReceiver;
import org.voxbox.media.RtpPacket;

/**
 * Listens to a caller's RTP (what the call's {@link RtpLatch} let through) for RFC 4733 key presses, each
 * reported once, and while a {@link #capture(Recording) capture} is set hands it the caller's audio (a greeting
 * or a name being recorded; keys still come here). Runs on the media thread; the consumer must not block.
 */
final class DigitReceiver implements MediaLoop.Sink {

	private final int telephoneEvent;

	private final DtmfReceiver dtmf;

	private final Consumer<Character> keys;

	private volatile @Nullable Recording capture;

	DigitReceiver(int telephoneEvent, Consumer<Character> keys) {
		this.telephoneEvent = telephoneEvent;
		this.dtmf = new DtmfReceiver(telephoneEvent);
		this.keys = keys;
	}

	@Override
	public void datagram(ByteBuffer data, InetSocketAddress from) {
		Recording recording = capture;
		if (recording != null) {
			Optional<RtpPacket> packet = RtpPacket.parse(data.duplicate());
			if (packet.isPresent() && packet.get().payloadType() != telephoneEvent) {
				recording.datagram(data, from);
				return;
			}
		}
		RtpPacket.parse(data).flatMap(dtmf::receive).ifPresent(keys);
	}

	/** Sends the caller's audio to {@code recording} from now on; {@code null} stops. */
	void capture(@Nullable Recording recording) {
		this.capture = recording;
	}

}
