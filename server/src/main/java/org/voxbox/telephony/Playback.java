package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.voxbox.media.RtpPacer;

/**
 * What a call plays to the caller, 20 ms at a time on the shared {@link RtpPacer}: one clip at a time, each made of
 * parts played one after the other (prompts in memory, a message from its {@link PlaySpool} file) and each with an
 * action to run when it has been played; between clips it sends nothing but keeps its clock (the next packet
 * carries the marker bit). On hold it sends nothing either. {@code nextFrame} and {@code send} run on the pacer's
 * thread and never block; {@link #play} and {@link #stop} may be called from any other thread.
 *
 * <p>A clip's parts are closed (a message's file let go) when another clip replaces it, when the next clip starts
 * after it was played to its end, or when the call stops: never on the pacer's thread.
 */
final class Playback implements RtpPacer.Stream {

	/** A piece of a clip, read front to back once. */
	interface Part {

		/**
		 * Copies up to {@code length} of its next bytes into {@code into} from {@code offset}. Called on the pacer's
		 * thread: never blocks.
		 *
		 * @return how many it copied; 0 once it has none left
		 */
		int read(byte[] into, int offset, int length);

		/** It will not be read again: what it holds may go. Called off the pacer's thread. */
		default void close() {
		}

		/** The bytes of {@code audio}, which no one changes while they play. */
		static Part of(byte[] audio) {
			return new Part() {

				private int position;

				@Override
				public int read(byte[] into, int offset, int length) {
					int n = Math.min(length, audio.length - position);
					System.arraycopy(audio, position, into, offset, n);
					position += n;
					return n;
				}
			};
		}
	}

	private record Clip(List<Part> parts, Runnable whenDone) {

		void close() {
			parts.forEach(Part::close);
		}
	}

	private final DatagramChannel channel;

	private final Supplier<@Nullable InetSocketAddress> remote;

	/** The clip playing. */
	private @Nullable Clip clip;

	/** The index in {@link #clip} of the part playing. */
	private int part;

	/** The clip last played to its end, on the pacer's thread; its parts are closed by the next play or the stop. */
	private @Nullable Clip spent;

	private boolean stopped;

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
	void play(byte[] audio, Runnable whenDone) {
		play(List.of(Part.of(audio)), whenDone);
	}

	/**
	 * Plays {@code parts} one after the other from their start, replacing whatever was playing (and closing it); then
	 * runs {@code whenDone} once, on the pacer's thread, after the last frame. Once stopped, closes {@code parts} and
	 * plays nothing.
	 */
	synchronized void play(List<Part> parts, Runnable whenDone) {
		Clip next = new Clip(List.copyOf(parts), whenDone);
		closePlayed();
		if (stopped) {
			next.close();
			return;
		}
		clip = next;
		part = 0;
	}

	/** The call is over: nothing plays from now on, and what was playing is closed. Idempotent. */
	synchronized void stop() {
		stopped = true;
		closePlayed();
	}

	void hold(boolean held) {
		this.held = held;
	}

	@Override
	public int nextFrame(byte[] frame) {
		Runnable finished = null;
		int length = 0;
		synchronized (this) {
			Clip current = clip;
			if (current == null) {
				return 0;
			}
			while (length < Recording.BYTES_PER_FRAME && part < current.parts().size()) {
				int n = current.parts().get(part).read(frame, length, Recording.BYTES_PER_FRAME - length);
				if (n == 0) {
					part++;
				}
				length += n;
			}
			if (length == 0) {
				clip = null;
				spent = current;
				finished = current.whenDone();
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

	/** Closes the clip playing and the one played last. Holding the lock, so no frame is being read from them. */
	private void closePlayed() {
		Clip playing = clip;
		Clip played = spent;
		if (playing != null) {
			playing.close();
		}
		if (played != null) {
			played.close();
		}
		clip = null;
		spent = null;
	}
}
