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
 * What a call plays to the caller, 20 ms at a time on the shared {@link RtpPacer}: one clip at a time, each
 * with an action to run when it has been played; between clips it sends nothing but keeps its clock (the
 * next packet carries the marker bit). On hold it sends nothing either. {@code nextFrame} and {@code send} run
 * on the pacer's thread and never block; {@link #play} may be called from any thread.
 */
final class Playback implements RtpPacer.Stream {

	private record Clip(byte[] audio, Runnable whenDone) {
	}

	private final DatagramChannel channel;

	private final Supplier<@Nullable InetSocketAddress> remote;

	private @Nullable Clip clip;

	private int position;

	private volatile boolean held;

	Playback(DatagramChannel channel, Supplier<@Nullable InetSocketAddress> remote) {
		this.channel = channel;
		this.remote = remote;
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.write(part, 0, part.length);
		}
		return out.toByteArray();
	}

	/** Plays {@code audio} from its start, replacing whatever was playing; then runs {@code whenDone}. */
	synchronized void play(byte[] audio, Runnable whenDone) {
		clip = new Clip(audio, whenDone);
		position = 0;
	}

	void hold(boolean held) {
		this.held = held;
	}

	@Override
	public int nextFrame(byte[] frame) {
		Runnable finished = null;
		int length;
		synchronized (this) {
			Clip current = clip;
			if (current == null) {
				return 0;
			}
			if (position >= current.audio().length) {
				clip = null;
				finished = current.whenDone();
				length = 0;
			}
			else {
				length = Math.min(Recording.BYTES_PER_FRAME, current.audio().length - position);
				System.arraycopy(current.audio(), position, frame, 0, length);
				position += length;
			}
		}
		if (finished != null) {
			finished.run();
		}
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
