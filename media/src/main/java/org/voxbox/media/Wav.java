package org.voxbox.media;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An 8 kHz mono WAV file: its encoding and its audio bytes.
 *
 * <p><b>What Voxbox stores.</b> Recorded messages are kept as µ-law 8 kHz mono WAV
 * ({@link Encoding#MULAW}): the bytes in the {@code data} chunk are the G.711 payload of the
 * call itself, bit-exact, so recording and playback need no transcoding; the file is half the
 * size of 16-bit PCM (8 KB per second), and µ-law WAV plays in browsers, mail clients and
 * desktop players alike. A-law calls are stored as A-law WAV for the same reason. 16-bit PCM
 * is accepted for uploaded greetings and must be encoded before it is played to a caller.
 *
 * <p><b>Writing</b>: G.711 files get the 18-byte {@code fmt } chunk ({@code cbSize} 0) and the
 * {@code fact} chunk that non-PCM WAVE requires; PCM files get the classic 16-byte
 * {@code fmt }. {@link #header} lets a recorder write the header again once the length is known.
 *
 * <p><b>Reading</b> ({@link #parse}) treats the bytes as untrusted: every chunk is bounds
 * checked, odd-sized chunks are padded, at most {@value #MAX_CHUNKS} chunks are walked, and any
 * problem throws {@link IllegalArgumentException} with a message naming it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Wav {

	/** The sample rate of every file this class reads or writes, in Hz. */
	public static final int SAMPLE_RATE = 8000;

	/** Files with more chunks than this are refused. */
	static final int MAX_CHUNKS = 64;

	private static final int RIFF = 0x52494646;
	private static final int WAVE = 0x57415645;
	private static final int FMT = 0x666d7420;
	private static final int FACT = 0x66616374;
	private static final int DATA = 0x64617461;
	private static final int FORMAT_EXTENSIBLE = 0xFFFE;

	/** The audio encodings Voxbox reads and writes, all mono at 8 kHz. */
	public enum Encoding {
		/** Signed 16-bit little-endian linear PCM (format tag 1). */
		PCM_16(1, 16),
		/** G.711 A-law (format tag 6). */
		ALAW(6, 8),
		/** G.711 µ-law (format tag 7). */
		MULAW(7, 8);

		private final int formatTag;
		private final int bitsPerSample;

		Encoding(int formatTag, int bitsPerSample) {
			this.formatTag = formatTag;
			this.bitsPerSample = bitsPerSample;
		}

		/** The WAVE format tag ({@code wFormatTag}). */
		public int formatTag() {
			return formatTag;
		}

		/** Bytes per sample, which is also bytes per block for mono audio. */
		public int bytesPerSample() {
			return bitsPerSample / 8;
		}

		/** The encoding that stores {@code law}'s payload unchanged. */
		public static Encoding of(G711 law) {
			return law == G711.ULAW ? MULAW : ALAW;
		}
	}

	private final Encoding encoding;
	private final byte[] audio;

	private Wav(Encoding encoding, byte[] audio) {
		this.encoding = encoding;
		this.audio = audio;
	}

	/**
	 * A WAV holding a copy of {@code audio}.
	 *
	 * @throws IllegalArgumentException if the length is not a whole number of samples or too
	 *         large for a WAV file
	 */
	public static Wav of(Encoding encoding, byte[] audio) {
		checkAudioLength(encoding, audio.length);
		return new Wav(encoding, audio.clone());
	}

	public Encoding encoding() {
		return encoding;
	}

	/** The audio bytes, as stored in the {@code data} chunk: a read-only view. */
	public ByteBuffer audio() {
		return ByteBuffer.wrap(audio).asReadOnlyBuffer();
	}

	/** A copy of the audio bytes, as stored in the {@code data} chunk. */
	public byte[] audioBytes() {
		return audio.clone();
	}

	/** The duration in milliseconds, rounded down. */
	public long durationMillis() {
		return audio.length / encoding.bytesPerSample() * 1000L / SAMPLE_RATE;
	}

	/** The complete file: {@link #header} followed by the audio and, if the audio length is odd, a pad byte. */
	public byte[] toBytes() {
		byte[] header = header(encoding, audio.length);
		byte[] file = Arrays.copyOf(header, header.length + audio.length + (audio.length & 1));
		System.arraycopy(audio, 0, file, header.length, audio.length);
		return file;
	}

	/**
	 * The bytes that precede {@code audioLength} bytes of audio in a file: RIFF header,
	 * {@code fmt } (and for G.711 {@code fact}) chunk and the {@code data} chunk header. The
	 * RIFF size counts a pad byte after odd-length audio, which the writer must then add.
	 * 58 bytes for G.711, 44 for PCM.
	 *
	 * @throws IllegalArgumentException if the length is not a whole number of samples or too large
	 */
	public static byte[] header(Encoding encoding, long audioLength) {
		checkAudioLength(encoding, audioLength);
		boolean pcm = encoding == Encoding.PCM_16;
		int fmtSize = pcm ? 16 : 18;
		int headerLength = 12 + 8 + fmtSize + (pcm ? 0 : 12) + 8;
		ByteBuffer b = ByteBuffer.allocate(headerLength).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		int blockAlign = encoding.bytesPerSample();
		b.putInt(Integer.reverseBytes(RIFF)).putInt((int) (headerLength - 8 + audioLength + (audioLength & 1)));
		b.putInt(Integer.reverseBytes(WAVE));
		b.putInt(Integer.reverseBytes(FMT)).putInt(fmtSize);
		b.putShort((short) encoding.formatTag()).putShort((short) 1).putInt(SAMPLE_RATE)
				.putInt(SAMPLE_RATE * blockAlign).putShort((short) blockAlign)
				.putShort((short) encoding.bitsPerSample);
		if (!pcm) {
			b.putShort((short) 0);
			b.putInt(Integer.reverseBytes(FACT)).putInt(4).putInt((int) (audioLength / blockAlign));
		}
		b.putInt(Integer.reverseBytes(DATA)).putInt((int) audioLength);
		return b.array();
	}

	private static void checkAudioLength(Encoding encoding, long audioLength) {
		if (audioLength < 0 || audioLength > 0xFFFF_FFFFL - 64) {
			throw new IllegalArgumentException("audio length must be 0 to 4 GiB: " + audioLength);
		}
		if (audioLength % encoding.bytesPerSample() != 0) {
			throw new IllegalArgumentException(
					"audio length must be a whole number of " + encoding + " samples: " + audioLength);
		}
	}

	/**
	 * Reads a WAV file from untrusted bytes. Accepts 8 kHz mono 16-bit PCM, µ-law and A-law,
	 * also when declared as {@code WAVE_FORMAT_EXTENSIBLE}; chunks other than {@code fmt } and
	 * {@code data} are skipped, as is anything after the RIFF chunk.
	 *
	 * @throws IllegalArgumentException naming the problem: not RIFF/WAVE, a chunk past the end
	 *         of the file, a missing, duplicate or malformed {@code fmt } or {@code data} chunk,
	 *         too many chunks, or an unsupported format (which is then described)
	 */
	public static Wav parse(byte[] file) {
		if (file.length < 12 || readBigInt(file, 0) != RIFF || readBigInt(file, 8) != WAVE) {
			throw new IllegalArgumentException("not a RIFF/WAVE file");
		}
		long riffEnd = 8 + readLittleUnsignedInt(file, 4);
		if (riffEnd > file.length) {
			throw new IllegalArgumentException("RIFF size " + (riffEnd - 8) + " exceeds the file's "
					+ (file.length - 8) + " bytes after the RIFF header");
		}
		int end = (int) riffEnd;
		Encoding encoding = null;
		int dataOffset = -1;
		int dataLength = 0;
		int position = 12;
		int chunks = 0;
		while (position < end) {
			if (++chunks > MAX_CHUNKS) {
				throw new IllegalArgumentException("more than " + MAX_CHUNKS + " chunks");
			}
			if (end - position < 8) {
				throw new IllegalArgumentException("truncated chunk header at offset " + position);
			}
			int id = readBigInt(file, position);
			long size = readLittleUnsignedInt(file, position + 4);
			int body = position + 8;
			if (size > end - body) {
				throw new IllegalArgumentException("chunk '" + chunkName(id) + "' at offset " + position
						+ " declares " + size + " bytes but only " + (end - body) + " remain");
			}
			if (id == FMT) {
				if (encoding != null) {
					throw new IllegalArgumentException("more than one 'fmt ' chunk");
				}
				encoding = readFormat(file, body, (int) size);
			} else if (id == DATA) {
				if (dataOffset >= 0) {
					throw new IllegalArgumentException("more than one 'data' chunk");
				}
				if (encoding == null) {
					throw new IllegalArgumentException("'data' chunk before the 'fmt ' chunk");
				}
				dataOffset = body;
				dataLength = (int) size;
			}
			position = (int) Math.min(end, body + size + (size & 1));
		}
		if (encoding == null) {
			throw new IllegalArgumentException("no 'fmt ' chunk");
		}
		if (dataOffset < 0) {
			throw new IllegalArgumentException("no 'data' chunk");
		}
		if (dataLength % encoding.bytesPerSample() != 0) {
			throw new IllegalArgumentException("'data' chunk of " + dataLength
					+ " bytes is not a whole number of 16-bit samples");
		}
		return new Wav(encoding, Arrays.copyOfRange(file, dataOffset, dataOffset + dataLength));
	}

	private static Encoding readFormat(byte[] file, int at, int size) {
		if (size < 16) {
			throw new IllegalArgumentException("'fmt ' chunk of " + size + " bytes is shorter than 16");
		}
		int tag = readLittleUnsignedShort(file, at);
		int channels = readLittleUnsignedShort(file, at + 2);
		long rate = readLittleUnsignedInt(file, at + 4);
		int blockAlign = readLittleUnsignedShort(file, at + 12);
		int bits = readLittleUnsignedShort(file, at + 14);
		int effectiveTag = tag;
		if (tag == FORMAT_EXTENSIBLE) {
			if (size < 40) {
				throw new IllegalArgumentException("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk of " + size
						+ " bytes is shorter than 40");
			}
			effectiveTag = readLittleUnsignedShort(file, at + 24);
		}
		Encoding encoding = switch (effectiveTag) {
			case 1 -> bits == 16 ? Encoding.PCM_16 : null;
			case 6 -> bits == 8 ? Encoding.ALAW : null;
			case 7 -> bits == 8 ? Encoding.MULAW : null;
			default -> null;
		};
		if (encoding == null || channels != 1 || rate != SAMPLE_RATE || blockAlign != encoding.bytesPerSample()) {
			throw new IllegalArgumentException("unsupported WAV format: " + describe(effectiveTag)
					+ ", " + bits + " bits, " + channels + " channel(s), " + rate + " Hz, block align "
					+ blockAlign + "; Voxbox accepts mono 8000 Hz 16-bit PCM, µ-law or A-law");
		}
		return encoding;
	}

	private static String describe(int tag) {
		return switch (tag) {
			case 1 -> "PCM";
			case 2 -> "Microsoft ADPCM";
			case 3 -> "IEEE float";
			case 6 -> "A-law";
			case 7 -> "µ-law";
			case 0x11 -> "IMA ADPCM";
			case 0x55 -> "MP3";
			default -> "format tag 0x" + Integer.toHexString(tag);
		};
	}

	private static String chunkName(int id) {
		StringBuilder name = new StringBuilder(4);
		for (int shift = 24; shift >= 0; shift -= 8) {
			int c = (id >>> shift) & 0xFF;
			name.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
		}
		return name.toString();
	}

	private static int readBigInt(byte[] b, int at) {
		return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
	}

	private static long readLittleUnsignedInt(byte[] b, int at) {
		return Integer.reverseBytes(readBigInt(b, at)) & 0xFFFF_FFFFL;
	}

	private static int readLittleUnsignedShort(byte[] b, int at) {
		return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
	}

	@Override
	public String toString() {
		return "Wav[" + encoding + ", " + audio.length + " bytes]";
	}
}
