package org.voxbox.media;

/**
 * The two G.711 companding laws: 16-bit linear PCM to one 8-bit code and back, table-driven.
 *
 * <p>The algorithm is that of the ITU-T G.191 reference {@code g711.c} (the classic Sun/CCITT
 * {@code g711.c} tables): µ-law works on the top 14 bits of a sample, A-law on the top 13, and
 * a negative sample's magnitude is taken as its one's complement. (The unpatched Sun
 * {@code linear2ulaw} negates instead, and so rounds some negative samples one step
 * differently; decoding is identical in every version.)
 *
 * <p>Every code decodes to its reconstruction value and that value encodes back to the same
 * code, with one exception: µ-law has two zero codes, {@code 0xFF} (+0) and {@code 0x7F} (−0).
 * Both decode to 0, and 0 encodes to {@code 0xFF}; {@code 0x7F} is produced only by the small
 * negative samples −1 to −4. A-law has no zero code: its quietest codes {@code 0xD5} and
 * {@code 0x55} decode to +8 and −8.
 *
 * <p>Stateless and thread-safe; the tables (24 KiB) are built once, when the class loads.
 */
public enum G711 {

	/** µ-law (PCMU, RTP static payload type 0), used in North America and Japan. */
	ULAW(0, (byte) 0xFF),

	/** A-law (PCMA, RTP static payload type 8), used in Europe and most other countries. */
	ALAW(8, (byte) 0xD5);

	private static final short[] ULAW_DECODE = new short[256];
	private static final short[] ALAW_DECODE = new short[256];
	/** Indexed by {@code (pcm >> 2) + 8192}. */
	private static final byte[] ULAW_ENCODE = new byte[1 << 14];
	/** Indexed by {@code (pcm >> 3) + 4096}. */
	private static final byte[] ALAW_ENCODE = new byte[1 << 13];

	static {
		for (int code = 0; code < 256; code++) {
			ULAW_DECODE[code] = (short) ulawToLinear(code);
			ALAW_DECODE[code] = (short) alawToLinear(code);
		}
		for (int i = 0; i < ULAW_ENCODE.length; i++) {
			ULAW_ENCODE[i] = (byte) linearToUlaw((i - 8192) << 2);
		}
		for (int i = 0; i < ALAW_ENCODE.length; i++) {
			ALAW_ENCODE[i] = (byte) linearToAlaw((i - 4096) << 3);
		}
	}

	private final int payloadType;
	private final byte silence;

	G711(int payloadType, byte silence) {
		this.payloadType = payloadType;
		this.silence = silence;
	}

	/** The static RTP payload type of this law (RFC 3551): 0 for µ-law, 8 for A-law. */
	public int payloadType() {
		return payloadType;
	}

	/** The code that encodes a zero sample: {@code 0xFF} for µ-law, {@code 0xD5} for A-law. */
	public byte silence() {
		return silence;
	}

	/** Encodes one 16-bit linear sample; samples beyond the law's range clip to its largest code. */
	public byte encode(short pcm) {
		return this == ULAW ? ULAW_ENCODE[(pcm >> 2) + 8192] : ALAW_ENCODE[(pcm >> 3) + 4096];
	}

	/** Decodes one code to a 16-bit linear sample (µ-law range ±32124, A-law ±32256). */
	public short decode(byte code) {
		return (this == ULAW ? ULAW_DECODE : ALAW_DECODE)[code & 0xFF];
	}

	/**
	 * Decodes {@code length} codes from {@code src[srcOffset..]} into {@code dst[dstOffset..]}.
	 *
	 * @throws IndexOutOfBoundsException if either range does not fit its array
	 */
	public void decode(byte[] src, int srcOffset, short[] dst, int dstOffset, int length) {
		java.util.Objects.checkFromIndexSize(srcOffset, length, src.length);
		java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
		short[] table = this == ULAW ? ULAW_DECODE : ALAW_DECODE;
		for (int i = 0; i < length; i++) {
			dst[dstOffset + i] = table[src[srcOffset + i] & 0xFF];
		}
	}

	/**
	 * Encodes {@code length} samples from {@code src[srcOffset..]} into {@code dst[dstOffset..]}.
	 *
	 * @throws IndexOutOfBoundsException if either range does not fit its array
	 */
	public void encode(short[] src, int srcOffset, byte[] dst, int dstOffset, int length) {
		java.util.Objects.checkFromIndexSize(srcOffset, length, src.length);
		java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
		for (int i = 0; i < length; i++) {
			dst[dstOffset + i] = encode(src[srcOffset + i]);
		}
	}

	// The reference algorithm, used only to fill the tables.

	private static final int ULAW_BIAS = 0x84;
	private static final int ULAW_CLIP = 8159;

	private static int linearToUlaw(int pcm) {
		int mask;
		int magnitude;
		if (pcm < 0) {
			magnitude = ~pcm >> 2;
			mask = 0x7F;
		} else {
			magnitude = pcm >> 2;
			mask = 0xFF;
		}
		magnitude = Math.min(magnitude, ULAW_CLIP) + (ULAW_BIAS >> 2);
		int segment = segment(magnitude, 0x3F);
		if (segment >= 8) {
			return 0x7F ^ mask;
		}
		return ((segment << 4) | ((magnitude >> (segment + 1)) & 0x0F)) ^ mask;
	}

	private static int ulawToLinear(int code) {
		int inverted = ~code & 0xFF;
		int t = ((inverted & 0x0F) << 3) + ULAW_BIAS;
		t <<= (inverted & 0x70) >> 4;
		return (inverted & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
	}

	private static int linearToAlaw(int pcm) {
		int mask;
		int magnitude = pcm >> 3;
		if (magnitude >= 0) {
			mask = 0xD5;
		} else {
			mask = 0x55;
			magnitude = -magnitude - 1;
		}
		int segment = segment(magnitude, 0x1F);
		if (segment >= 8) {
			return 0x7F ^ mask;
		}
		int code = segment << 4;
		code |= (magnitude >> (segment < 2 ? 1 : segment)) & 0x0F;
		return code ^ mask;
	}

	private static int alawToLinear(int code) {
		int value = code ^ 0x55;
		int t = (value & 0x0F) << 4;
		int segment = (value & 0x70) >> 4;
		switch (segment) {
			case 0 -> t += 8;
			case 1 -> t += 0x108;
			default -> t = (t + 0x108) << (segment - 1);
		}
		return (value & 0x80) != 0 ? t : -t;
	}

	/** The segment whose end ({@code firstEnd}, doubling seven times) is the first at or above {@code magnitude}; 8 if none. */
	private static int segment(int magnitude, int firstEnd) {
		int end = firstEnd;
		for (int segment = 0; segment < 8; segment++) {
			if (magnitude <= end) {
				return segment;
			}
			end = (end << 1) | 1;
		}
		return 8;
	}
}
