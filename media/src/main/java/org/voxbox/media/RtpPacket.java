package org.voxbox.media;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One RTP packet (RFC 3550): the header fields Voxbox uses and a view of the payload.
 *
 * <p>{@link #parse} treats every input as hostile: anything malformed gives
 * {@link Optional#empty()}, never an exception, and nothing outside the given range is read.
 * A parsed packet is a <em>view</em>: its payload stays in the caller's array, so it is valid
 * only until the caller reuses that array; {@link #copy()} detaches it. The CSRC list, header
 * extension and padding are validated and skipped.
 *
 * <p>{@link #write} builds a packet into a caller's buffer without allocating.
 *
 * <p>Immutable apart from the viewed array; safe to hand to another thread after {@link #copy()}.
 */
public final class RtpPacket {

	/** Length of the fixed header (no CSRCs, no extension), in bytes. */
	public static final int HEADER_LENGTH = 12;

	private final int payloadType;
	private final boolean marker;
	private final int sequenceNumber;
	private final long timestamp;
	private final int ssrc;
	private final byte[] data;
	private final int payloadOffset;
	private final int payloadLength;

	private RtpPacket(int payloadType, boolean marker, int sequenceNumber, long timestamp, int ssrc,
			byte[] data, int payloadOffset, int payloadLength) {
		this.payloadType = payloadType;
		this.marker = marker;
		this.sequenceNumber = sequenceNumber;
		this.timestamp = timestamp;
		this.ssrc = ssrc;
		this.data = data;
		this.payloadOffset = payloadOffset;
		this.payloadLength = payloadLength;
	}

	/**
	 * Parses {@code data[offset, offset + length)}. The result views {@code data}.
	 *
	 * @return the packet, or empty if the range does not fit the array or does not hold a valid
	 *         version-2 RTP packet (short, bad version, CSRCs, extension or padding past the end)
	 */
	public static Optional<RtpPacket> parse(byte[] data, int offset, int length) {
		if (offset < 0 || length < HEADER_LENGTH || offset > data.length - length) {
			return Optional.empty();
		}
		int b0 = data[offset] & 0xFF;
		if (b0 >>> 6 != 2) {
			return Optional.empty();
		}
		int end = offset + length;
		int position = offset + HEADER_LENGTH + 4 * (b0 & 0x0F);
		if (position > end) {
			return Optional.empty();
		}
		if ((b0 & 0x10) != 0) {
			if (position + 4 > end) {
				return Optional.empty();
			}
			int words = ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
			position += 4 + 4 * words;
			if (position > end) {
				return Optional.empty();
			}
		}
		if ((b0 & 0x20) != 0) {
			int padding = data[end - 1] & 0xFF;
			if (padding == 0 || padding > end - position) {
				return Optional.empty();
			}
			end -= padding;
		}
		int b1 = data[offset + 1] & 0xFF;
		return Optional.of(new RtpPacket(
				b1 & 0x7F,
				(b1 & 0x80) != 0,
				((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF),
				readInt(data, offset + 4) & 0xFFFF_FFFFL,
				readInt(data, offset + 8),
				data, position, end - position));
	}

	/**
	 * Parses the remaining bytes of {@code buffer} without moving its position. A heap buffer
	 * is viewed in place; the bytes of any other buffer are copied first.
	 *
	 * @see #parse(byte[], int, int)
	 */
	public static Optional<RtpPacket> parse(ByteBuffer buffer) {
		if (buffer.hasArray()) {
			return parse(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
		}
		byte[] copy = new byte[buffer.remaining()];
		buffer.duplicate().get(copy);
		return parse(copy, 0, copy.length);
	}

	/**
	 * Writes a 12-byte header (no CSRCs, extension or padding) and the payload into
	 * {@code dst[offset..]}, without allocating.
	 *
	 * @param payloadType 0 to 127
	 * @param sequenceNumber 0 to 65535
	 * @param timestamp 0 to 2<sup>32</sup> − 1, in the payload's clock units (samples for G.711)
	 * @return the number of bytes written: {@code 12 + payloadLength}
	 * @throws IllegalArgumentException if a field is out of range or the packet does not fit
	 * @throws IndexOutOfBoundsException if the payload range does not fit {@code payload}
	 */
	public static int write(byte[] dst, int offset, int payloadType, boolean marker, int sequenceNumber,
			long timestamp, int ssrc, byte[] payload, int payloadOffset, int payloadLength) {
		Objects.checkFromIndexSize(payloadOffset, payloadLength, payload.length);
		checkFields(payloadType, sequenceNumber, timestamp);
		int total = HEADER_LENGTH + payloadLength;
		if (offset < 0 || offset > dst.length - total) {
			throw new IllegalArgumentException("RTP packet of " + total + " bytes does not fit at offset "
					+ offset + " of a " + dst.length + "-byte array");
		}
		dst[offset] = (byte) 0x80;
		dst[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
		dst[offset + 2] = (byte) (sequenceNumber >>> 8);
		dst[offset + 3] = (byte) sequenceNumber;
		writeInt(dst, offset + 4, (int) timestamp);
		writeInt(dst, offset + 8, ssrc);
		System.arraycopy(payload, payloadOffset, dst, offset + HEADER_LENGTH, payloadLength);
		return total;
	}

	/**
	 * Like {@link #write(byte[], int, int, boolean, int, long, int, byte[], int, int)}, into
	 * {@code dst} at its position, which advances past the packet. Works with direct buffers.
	 *
	 * @throws IllegalArgumentException if a field is out of range or the packet does not fit
	 *         the buffer's remaining space (the buffer is then unchanged)
	 */
	public static void write(ByteBuffer dst, int payloadType, boolean marker, int sequenceNumber,
			long timestamp, int ssrc, byte[] payload, int payloadOffset, int payloadLength) {
		Objects.checkFromIndexSize(payloadOffset, payloadLength, payload.length);
		checkFields(payloadType, sequenceNumber, timestamp);
		if (dst.remaining() < HEADER_LENGTH + payloadLength) {
			throw new IllegalArgumentException("RTP packet of " + (HEADER_LENGTH + payloadLength)
					+ " bytes does not fit in " + dst.remaining() + " remaining bytes");
		}
		dst.put((byte) 0x80)
				.put((byte) ((marker ? 0x80 : 0) | payloadType))
				.putShort((short) sequenceNumber)
				.putInt((int) timestamp)
				.putInt(ssrc)
				.put(payload, payloadOffset, payloadLength);
	}

	private static void checkFields(int payloadType, int sequenceNumber, long timestamp) {
		if (payloadType < 0 || payloadType > 127) {
			throw new IllegalArgumentException("payloadType must be 0-127: " + payloadType);
		}
		if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
			throw new IllegalArgumentException("sequenceNumber must be 0-65535: " + sequenceNumber);
		}
		if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
			throw new IllegalArgumentException("timestamp must be 0-4294967295: " + timestamp);
		}
	}

	private static int readInt(byte[] data, int at) {
		return ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16)
				| ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
	}

	private static void writeInt(byte[] dst, int at, int value) {
		dst[at] = (byte) (value >>> 24);
		dst[at + 1] = (byte) (value >>> 16);
		dst[at + 2] = (byte) (value >>> 8);
		dst[at + 3] = (byte) value;
	}

	/** A packet with the same fields whose payload is its own copy, independent of the parsed array. */
	public RtpPacket copy() {
		byte[] own = Arrays.copyOfRange(data, payloadOffset, payloadOffset + payloadLength);
		return new RtpPacket(payloadType, marker, sequenceNumber, timestamp, ssrc, own, 0, own.length);
	}

	/** 0 to 127. */
	public int payloadType() {
		return payloadType;
	}

	public boolean marker() {
		return marker;
	}

	/** 0 to 65535; wraps around. */
	public int sequenceNumber() {
		return sequenceNumber;
	}

	/** 0 to 2<sup>32</sup> − 1, in the payload's clock units; wraps around. */
	public long timestamp() {
		return timestamp;
	}

	public int ssrc() {
		return ssrc;
	}

	/** Payload length in bytes, without header, extension or padding. */
	public int payloadLength() {
		return payloadLength;
	}

	/** A read-only view of the payload, positioned at its first byte. */
	public ByteBuffer payload() {
		return ByteBuffer.wrap(data, payloadOffset, payloadLength).slice().asReadOnlyBuffer();
	}

	/** The payload byte at {@code index}. @throws IndexOutOfBoundsException unless {@code 0 <= index < payloadLength()} */
	public byte payloadByte(int index) {
		Objects.checkIndex(index, payloadLength);
		return data[payloadOffset + index];
	}

	/** Copies the payload into {@code dst[offset..]}. @throws IndexOutOfBoundsException if it does not fit */
	public void copyPayload(byte[] dst, int offset) {
		System.arraycopy(data, payloadOffset, dst, offset, payloadLength);
	}

	@Override
	public String toString() {
		return "RtpPacket[pt=" + payloadType + ", marker=" + marker + ", seq=" + sequenceNumber
				+ ", ts=" + timestamp + ", ssrc=" + Integer.toUnsignedString(ssrc)
				+ ", payload=" + payloadLength + " bytes]";
	}
}
