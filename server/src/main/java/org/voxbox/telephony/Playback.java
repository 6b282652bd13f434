package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.voxbox.media.RtpPacer;

/**
 * Audio a call plays to the caller, 20 ms at a time on the shared {@link RtpPacer}: prompts queued one after
 * another, then the {@code whenDone} action. On hold it sends nothing but keeps its clock. Called on the
 * pacer's thread; never blocks (the channel is non-blocking).
 */
final class Playback implements RtpPacer.Stream {

	private final DatagramChannel channel;

	private final Supplier<@Nullable InetSocketAddress> remote;

	private final byte[] audio;

	private final Runnable whenDone;

	private int position;

	private volatile boolean held;

	private boolean done;

	Playback(DatagramChannel channel, Supplier<@Nullable InetSocketAddress> remote, byte[] audio, Runnable whenDone) {
		this.channel = channel;
		this.remote = remote;
		this.audio = audio;
		this.whenDone = whenDone;
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.write(part, 0, part.length);
		}
		return out.toByteArray();
	}

	void hold(boolean held) {
		this.held = held;
	}

	@Override
	public int nextFrame(byte[] frame) {
		if (position >= audio.length) {
			if (!done) {
				done = true;
				whenDone.run();
			}
			return -1;
		}
		int length = Math.min(Recording.BYTES_PER_FRAME, audio.length - position);
		System.arraycopy(audio, position, frame, 0, length);
		position += length;
		return held ? 0 : length;
	}

	@Override
	public void send(ByteBuffer packet) {
		InetSocketAddress to = remote.get();
		if (to == null || !channel.isOpen()) {
			return;
		}
		try {
			channel.send(packet, to);
		}
		catch (IOException ex) {
			// a full socket buffer or a vanished peer: drop this frame, as RTP does
		}
	}
}
