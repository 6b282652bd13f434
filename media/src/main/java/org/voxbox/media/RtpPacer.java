package org.voxbox.media;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Sends 20 ms RTP frames for many streams from one thread and one monotonic clock.
 *
 * <p>The pacer ticks every 20 ms: tick {@code k} is due at {@code origin + k × 20 ms} on
 * {@link System#nanoTime()}, computed rather than accumulated, so it does not drift. A stream
 * starts at the first tick after it is registered; its frame {@code n} goes out at that tick
 * plus {@code n}, with sequence number {@code first + n} (mod 2<sup>16</sup>), RTP timestamp
 * {@code first + 160·n} (mod 2<sup>32</sup>) and the marker bit on the first packet. After a
 * stall (a GC pause) up to {@value #MAX_CATCH_UP} frames per stream are sent back to back;
 * a stream further behind is rescheduled to now, its audio staying contiguous.
 *
 * <p>How late each packet leaves is recorded; {@link #lateness()} gives the percentiles.
 *
 * <p>Threading: {@link #register} and {@link Registration#cancel()} may be called from any
 * thread at any time; they take effect at the next tick. The {@link Stream} callbacks run on
 * the pacer thread and must not block: a slow stream delays every other stream. A callback that
 * throws ends its stream; the pacer carries on.
 */
public final class RtpPacer implements AutoCloseable {

	/** The frame interval, in nanoseconds. */
	public static final long FRAME_NANOS = 20_000_000L;
	/** RTP timestamp units per frame: 20 ms at 8 kHz. */
	public static final int SAMPLES_PER_FRAME = 160;
	/** Largest payload a stream may supply, in bytes. */
	public static final int MAX_PAYLOAD = 1024;
	static final int MAX_CATCH_UP = 5;

	private static final System.Logger LOG = System.getLogger(RtpPacer.class.getName());

	/** One outgoing stream, implemented by its owner. Both methods are called on the pacer thread. */
	public interface Stream {

		/**
		 * Writes the next 20 ms of payload into {@code frame}. Must not block.
		 *
		 * @return the payload length (0 sends nothing this time but lets the timestamp advance,
		 *         and the next packet then carries the marker bit), or −1 when the stream is over
		 */
		int nextFrame(byte[] frame);

		/**
		 * Sends one complete RTP packet, between the buffer's position and limit. The buffer is
		 * reused once this returns. Must not block: use a non-blocking channel and accept loss.
		 */
		void send(ByteBuffer packet);
	}

	/** A registered stream's handle. */
	public interface Registration {

		/** Stops the stream within one frame. Idempotent; callable from any thread. */
		void cancel();
	}

	/**
	 * Send lateness of every packet so far: how long after its due time it was handed to
	 * {@link Stream#send}.
	 *
	 * @param packets how many packets were measured
	 * @param p50Millis the median lateness (to 0.05 ms; values past 200 ms count as 200 ms)
	 * @param p99Millis the 99th percentile, likewise
	 * @param maxMillis the largest lateness seen, exact
	 */
	public record Lateness(long packets, double p50Millis, double p99Millis, double maxMillis) {
	}

	private final LongSupplier clock;
	private final long origin;
	private final Queue<Scheduled> added = new ConcurrentLinkedQueue<>();
	private final List<Scheduled> streams = new ArrayList<>();
	private final byte[] frame = new byte[MAX_PAYLOAD];
	private final ByteBuffer packet = ByteBuffer.allocate(RtpPacket.HEADER_LENGTH + MAX_PAYLOAD);
	private final LatenessHistogram lateness = new LatenessHistogram();
	private volatile int streamCount;
	private volatile boolean running;
	private boolean closed;
	private long nextTick;
	private final Thread thread;

	/** A pacer on {@link System#nanoTime()}; call {@link #start()} to begin sending. */
	public RtpPacer() {
		this(System::nanoTime);
	}

	RtpPacer(LongSupplier clock) {
		this.clock = clock;
		this.origin = clock.getAsLong();
		this.thread = new Thread(this::run, "rtp-pacer");
		this.thread.setDaemon(true);
		this.thread.setPriority(Thread.MAX_PRIORITY);
	}

	/**
	 * Starts the pacer thread.
	 *
	 * @throws IllegalStateException if already started or closed
	 */
	public synchronized void start() {
		if (closed || thread.getState() != Thread.State.NEW) {
			throw new IllegalStateException("pacer already started or closed");
		}
		running = true;
		thread.start();
	}

	/** Stops the pacer thread and waits up to a second for it to end; streams are dropped. */
	@Override
	public void close() {
		synchronized (this) {
			closed = true;
			running = false;
		}
		LockSupport.unpark(thread);
		try {
			thread.join(1000);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Adds a stream, which starts at the next tick. Thread-safe.
	 *
	 * @param payloadType 0–127
	 * @param firstSequenceNumber 0–65535
	 * @param firstTimestamp 0 to 2<sup>32</sup> − 1
	 * @throws IllegalArgumentException if a number is out of range
	 */
	public Registration register(Stream stream, int payloadType, int ssrc, int firstSequenceNumber, long firstTimestamp) {
		Objects.requireNonNull(stream, "stream");
		if (payloadType < 0 || payloadType > 127) {
			throw new IllegalArgumentException("payloadType must be 0-127: " + payloadType);
		}
		if (firstSequenceNumber < 0 || firstSequenceNumber > 0xFFFF) {
			throw new IllegalArgumentException("firstSequenceNumber must be 0-65535: " + firstSequenceNumber);
		}
		if (firstTimestamp < 0 || firstTimestamp > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException("firstTimestamp must be 0-4294967295: " + firstTimestamp);
		}
		Scheduled scheduled = new Scheduled(stream, payloadType, ssrc, firstSequenceNumber, firstTimestamp);
		added.add(scheduled);
		return scheduled;
	}

	/** How many streams the pacer was sending at its last tick. */
	public int streamCount() {
		return streamCount;
	}

	/** The send lateness of all packets so far. Thread-safe; percentiles are approximate while sending. */
	public Lateness lateness() {
		return lateness.snapshot();
	}

	private void run() {
		while (running) {
			try {
				tick();
			} catch (RuntimeException e) {
				LOG.log(System.Logger.Level.ERROR, "RTP pacer tick failed", e);
			}
			long wait = dueNanos(nextTick) - clock.getAsLong();
			if (wait > 0) {
				LockSupport.parkNanos(this, wait);
			}
		}
	}

	/** Sends every frame due by now; called by the pacer thread, or directly by tests with a fake clock. */
	void tick() {
		long now = clock.getAsLong();
		long currentTick = Math.max(0, Math.floorDiv(now - origin, FRAME_NANOS));
		for (Scheduled s; (s = added.poll()) != null;) {
			s.nextTick = currentTick;
			streams.add(s);
		}
		// Every tick serves the streams in the same order (oldest first; a cancelled one is closed up, not
		// swapped with the last): a stream's place in the tick, and so its send interval, stays steady.
		int kept = 0;
		for (int i = 0; i < streams.size(); i++) {
			Scheduled s = streams.get(i);
			if (!s.cancelled && currentTick - s.nextTick >= MAX_CATCH_UP) {
				s.nextTick = currentTick;
			}
			while (!s.cancelled && s.nextTick <= currentTick) {
				sendNext(s);
			}
			if (!s.cancelled) {
				streams.set(kept++, s);
			}
		}
		while (streams.size() > kept) {
			streams.remove(streams.size() - 1);
		}
		streamCount = streams.size();
		nextTick = currentTick + 1;
	}

	private void sendNext(Scheduled s) {
		try {
			int length = s.stream.nextFrame(frame);
			if (length < 0) {
				s.cancelled = true;
				return;
			}
			if (length > MAX_PAYLOAD) {
				throw new IllegalStateException("stream supplied " + length + " bytes, more than " + MAX_PAYLOAD);
			}
			if (length > 0) {
				packet.clear();
				RtpPacket.write(packet, s.payloadType, s.marker, s.sequenceNumber, s.timestamp, s.ssrc,
						frame, 0, length);
				packet.flip();
				lateness.record(clock.getAsLong() - dueNanos(s.nextTick));
				s.stream.send(packet);
				s.sequenceNumber = (s.sequenceNumber + 1) & 0xFFFF;
			}
			s.marker = length == 0;
			s.timestamp = (s.timestamp + SAMPLES_PER_FRAME) & 0xFFFF_FFFFL;
			s.nextTick++;
		} catch (RuntimeException e) {
			s.cancelled = true;
			LOG.log(System.Logger.Level.WARNING, "RTP stream failed and was stopped", e);
		}
	}

	private long dueNanos(long tick) {
		return origin + tick * FRAME_NANOS;
	}

	private static final class Scheduled implements Registration {

		final Stream stream;
		final int payloadType;
		final int ssrc;
		int sequenceNumber;
		long timestamp;
		boolean marker = true;
		long nextTick;
		volatile boolean cancelled;

		Scheduled(Stream stream, int payloadType, int ssrc, int sequenceNumber, long timestamp) {
			this.stream = stream;
			this.payloadType = payloadType;
			this.ssrc = ssrc;
			this.sequenceNumber = sequenceNumber;
			this.timestamp = timestamp;
		}

		@Override
		public void cancel() {
			cancelled = true;
		}
	}
}
