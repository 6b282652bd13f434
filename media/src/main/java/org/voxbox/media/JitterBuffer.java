package org.voxbox.media;

import org.jspecify.annotations.Nullable;

/**
 * A small reorder buffer for one incoming RTP stream: packets go in as they arrive and come out
 * in sequence order, with losses reported so that the consumer can keep its timeline.
 *
 * <p>Up to {@code capacity} packets wait for a missing predecessor; once that many are
 * waiting, the missing ones are declared lost and {@link #poll()} releases the next packet
 * with {@link Frame#lostBefore()} set. With 20 ms packets a capacity of 4 adds at most 80 ms.
 * A packet that is next in sequence is released at once, without delay, so the first packet
 * offered starts the stream; duplicates and packets older than the last one released are
 * dropped. Sequence numbers wrap
 * at 65536. A jump of more than {@value #MAX_DROPOUT} ahead or {@value #MAX_MISORDER} behind
 * (a restarted or replaced sender) is dropped once; if the next packet continues from it, the
 * buffer follows the new numbering, placing it right after what it already holds, as
 * RFC 3550 appendix A.1 does. SSRCs are not looked at.
 *
 * <p>Not thread-safe: {@link #offer} and {@link #poll} belong to the one thread that receives
 * the stream. After each {@code offer}, call {@code poll} until it returns null.
 */
public final class JitterBuffer {

	static final int MAX_DROPOUT = 3000;
	static final int MAX_MISORDER = 100;

	/**
	 * A packet released in order.
	 *
	 * @param lostBefore how many sequence numbers right before this packet were given up as lost (0 usually)
	 * @param packet the packet as offered
	 */
	public record Frame(int lostBefore, RtpPacket packet) {
	}

	private final int capacity;
	/** Waiting packets sorted by extended sequence number; only the first {@code count} are used. */
	private final @Nullable RtpPacket[] packets;
	private final long[] extended;
	private int count;
	private boolean started;
	/** The extended sequence number of the next packet to release. */
	private long next;
	/** Added to incoming sequence numbers (mod 65536) after the sender renumbered. */
	private int shift;
	private int jumpCandidate = -1;
	private long dropped;

	/**
	 * @param capacity how many packets may wait for a missing one, 1 to 64
	 * @throws IllegalArgumentException if out of range
	 */
	public JitterBuffer(int capacity) {
		if (capacity < 1 || capacity > 64) {
			throw new IllegalArgumentException("capacity must be 1-64 packets: " + capacity);
		}
		this.capacity = capacity;
		this.packets = new RtpPacket[capacity];
		this.extended = new long[capacity];
	}

	/**
	 * Adds a packet. The buffer keeps the reference, so pass a {@link RtpPacket#copy()} of a
	 * packet parsed from a reused receive buffer.
	 *
	 * @return false if the packet was dropped: a duplicate, older than what was released, a
	 *         sequence jump not (yet) confirmed, or the buffer was full because {@code poll} was
	 *         not called
	 */
	public boolean offer(RtpPacket packet) {
		int sequence = (packet.sequenceNumber() + shift) & 0xFFFF;
		if (!started) {
			started = true;
			next = sequence;
		}
		int delta = (short) (sequence - (int) next);
		if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
			return jump(packet);
		}
		jumpCandidate = -1;
		if (delta < 0) {
			return drop();
		}
		return insert(next + delta, packet);
	}

	private boolean jump(RtpPacket packet) {
		int raw = packet.sequenceNumber();
		if (jumpCandidate < 0 || raw != ((jumpCandidate + 1) & 0xFFFF)) {
			jumpCandidate = raw;
			return drop();
		}
		jumpCandidate = -1;
		long after = count > 0 ? extended[count - 1] + 1 : next;
		shift = (int) ((after + 1 - raw) & 0xFFFF);
		return insert(after + 1, packet);
	}

	private boolean insert(long ext, RtpPacket packet) {
		if (count == capacity) {
			return drop();
		}
		int at = count;
		while (at > 0 && extended[at - 1] > ext) {
			at--;
		}
		if (at > 0 && extended[at - 1] == ext) {
			return drop();
		}
		System.arraycopy(packets, at, packets, at + 1, count - at);
		System.arraycopy(extended, at, extended, at + 1, count - at);
		packets[at] = packet;
		extended[at] = ext;
		count++;
		return true;
	}

	private boolean drop() {
		dropped++;
		return false;
	}

	/**
	 * The next packet in sequence order, if it is there or if enough packets wait behind a gap
	 * to give the gap up as lost.
	 *
	 * @return the next frame, or null to wait for more packets
	 */
	public @Nullable Frame poll() {
		if (count == 0 || extended[0] != next && count < capacity) {
			return null;
		}
		return release();
	}

	/**
	 * Releases the next waiting packet even if a gap precedes it, as at the end of a call.
	 * Call it until it returns null.
	 */
	public @Nullable Frame drain() {
		return count == 0 ? null : release();
	}

	private Frame release() {
		RtpPacket packet = java.util.Objects.requireNonNull(packets[0]);
		int lost = (int) (extended[0] - next);
		next = extended[0] + 1;
		count--;
		System.arraycopy(packets, 1, packets, 0, count);
		System.arraycopy(extended, 1, extended, 0, count);
		packets[count] = null;
		return new Frame(lost, packet);
	}

	/** How many packets are waiting. */
	public int size() {
		return count;
	}

	/** How many offered packets were dropped since construction. */
	public long dropped() {
		return dropped;
	}
}
