package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.voxbox.media.DtmfReceiver;
import org.voxbox.media.G711;
import org.voxbox.media.JitterBuffer;
import org.voxbox.media.RtpPacket;
import org.voxbox.media.SilenceDetector;

/**
 * Records one caller's message from their RTP: G.711 payload in sequence order through a small jitter buffer,
 * lost packets filled with silence so the timeline holds, duplicates dropped; stops at {@code #} (RFC 4733), at
 * the length limit, or after the silence limit (that silence is trimmed off). The recorded bytes are exactly the
 * caller's payload (no transcoding), kept in the heap or, for a message, in a {@link SpoolFile} on disk.
 * Thread-safe: the media thread feeds it, a call thread finishes it.
 */
final class Recording implements MediaLoop.Sink {

	static final int BYTES_PER_FRAME = 160;

	/** The most silence one loss is filled with: a second. */
	static final int MAX_FILL = 8000;

	private final G711 law;

	private final @Nullable Integer telephoneEvent;

	private final int maxBytes;

	private final JitterBuffer jitter = new JitterBuffer(4);

	/** A released packet's payload on its way to the audio: reused, so a steady stream allocates one array a packet. */
	private byte[] payload = new byte[BYTES_PER_FRAME];

	private final @Nullable DtmfReceiver dtmf;

	private final Audio audio;

	private final Runnable onEnd;

	private final Runnable onZero;

	private final SilenceDetector silence;

	private final long silenceLimitMillis;

	private boolean endedBySilence;

	/** The RTP timestamp the next packet should carry, or -1 before the first. */
	private long expectedTimestamp = -1;

	private boolean ended;

	private volatile boolean armed;

	/**
	 * @param silenceLimitMillis the silence that ends the recording (trimmed off), or 0 for none
	 * @param onEnd called once, on the media thread, when the caller pressed #, the limit or the silence limit
	 * was reached; must not block
	 * @param onZero called on the media thread each time the caller presses 0; must not block
	 */
	Recording(G711 law, @Nullable Integer telephoneEvent, int maxMillis, int silenceLimitMillis, Runnable onEnd,
			Runnable onZero) {
		this(law, telephoneEvent, maxMillis, silenceLimitMillis, onEnd, onZero, new InMemory());
	}

	/** A recording into {@code audio} (a {@link SpoolFile}, for a message that must survive a crash). */
	Recording(G711 law, @Nullable Integer telephoneEvent, int maxMillis, int silenceLimitMillis, Runnable onEnd,
			Runnable onZero, Audio audio) {
		this.audio = audio;
		this.onZero = onZero;
		this.silence = new SilenceDetector(law);
		this.silenceLimitMillis = silenceLimitMillis;
		this.law = law;
		this.telephoneEvent = telephoneEvent;
		this.dtmf = telephoneEvent == null ? null : new DtmfReceiver(telephoneEvent);
		this.maxBytes = maxMillis * 8;
		this.onEnd = onEnd;
	}

	@Override
	public synchronized void datagram(ByteBuffer data, InetSocketAddress from) {
		if (ended) {
			return;
		}
		// The one copy of a packet: the jitter buffer may hold it after the receive buffer has been reused.
		byte[] own = new byte[data.remaining()];
		data.get(data.position(), own);
		Optional<RtpPacket> parsed = RtpPacket.parse(own, 0, own.length);
		if (parsed.isEmpty()) {
			return;
		}
		RtpPacket packet = parsed.get();
		if (dtmf != null && telephoneEvent != null && packet.payloadType() == telephoneEvent) {
			Optional<Character> key = dtmf.receive(packet);
			if (key.isPresent() && key.get() == '0') {
				onZero.run(); // during the greeting or the recording: the caller wants a person
			}
			else if (key.isPresent() && key.get() == '#' && armed) {
				end();
			}
			return;
		}
		if (!armed) {
			return; // before the tone the caller is listening to the greeting
		}
		if (packet.payloadType() != law.payloadType()) {
			return;
		}
		jitter.offer(packet);
		for (JitterBuffer.Frame frame; (frame = jitter.poll()) != null;) {
			write(frame);
		}
	}

	private void write(JitterBuffer.Frame frame) {
		RtpPacket packet = frame.packet();
		if (frame.lostBefore() > 0) {
			// As much silence as the lost packets held: by the RTP clock (one G.711 byte per sample) when the
			// timestamps say, else packets of this one's size; at most a second.
			long gap = expectedTimestamp < 0 ? -1 : (packet.timestamp() - expectedTimestamp) & 0xFFFF_FFFFL;
			long fill = gap > 0 && gap <= MAX_FILL ? gap : (long) frame.lostBefore() * packet.payloadLength();
			byte[] silence = new byte[(int) Math.min(fill, MAX_FILL)];
			Arrays.fill(silence, law.silence());
			audio.append(silence, 0, silence.length);
		}
		int length = packet.payloadLength();
		if (payload.length < length) {
			payload = new byte[length];
		}
		packet.copyPayload(payload, 0);
		expectedTimestamp = (packet.timestamp() + length) & 0xFFFF_FFFFL;
		audio.append(payload, 0, length);
		if (audio.size() >= maxBytes) {
			end();
		}
		else if (silenceLimitMillis > 0 && length > 0) {
			silence.offer(payload, 0, length);
			if (silence.silentMillis() >= silenceLimitMillis) {
				endedBySilence = true;
				end();
			}
		}
	}

	private void end() {
		if (!ended) {
			ended = true;
			onEnd.run();
		}
	}

	/** Stops recording and throws the audio away (the caller was transferred). */
	void discard() {
		synchronized (this) {
			ended = true;
		}
		audio.discard();
	}

	/**
	 * Stops recording and returns the audio, the jitter buffer's tail included, cut to the length limit. The
	 * audio is read outside the recording's lock (from disk, for a spool file), so the media thread never waits
	 * for it.
	 */
	byte[] finish() {
		int keep;
		synchronized (this) {
			ended = true;
			for (JitterBuffer.Frame frame; (frame = jitter.drain()) != null;) {
				write(frame);
			}
			keep = audio.size();
			if (endedBySilence) {
				// The silence that ended the message is not part of it.
				keep = (int) Math.max(0, keep - silence.silentMillis() * 8);
			}
			keep = Math.min(keep, maxBytes);
		}
		return audio.read(keep);
	}

	/** Starts recording: the greeting and the tone are over. Called on the pacer's thread. */
	void arm() {
		armed = true;
	}

	G711 law() {
		return law;
	}

	/** Where a recording's bytes go. {@link #append} is called under the recording's lock and must not block. */
	interface Audio {

		void append(byte[] bytes, int offset, int length);

		/** The bytes appended so far. */
		int size();

		/** The first {@code length} bytes. */
		byte[] read(int length);

		/** Throws the audio away. */
		void discard();
	}

	/** Audio held in the heap: a greeting or a name recorded by phone (at most two minutes). */
	static final class InMemory implements Audio {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);

		@Override
		public synchronized void append(byte[] data, int offset, int length) {
			bytes.write(data, offset, length);
		}

		@Override
		public synchronized int size() {
			return bytes.size();
		}

		@Override
		public synchronized byte[] read(int length) {
			return Arrays.copyOf(bytes.toByteArray(), Math.min(length, bytes.size()));
		}

		@Override
		public synchronized void discard() {
			bytes.reset();
		}
	}
}
