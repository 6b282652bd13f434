package org.voxbox.telephony;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.voxbox.media.G711;
import org.voxbox.media.Wav;

/** Stored audio (a WAV file in µ-law, A-law or 16-bit PCM) as a call's G.711 bytes, and back. */
final class CallAudio {

	/** The longest {@code fmt } chunk read: 40 bytes for {@code WAVE_FORMAT_EXTENSIBLE}, with room to spare. */
	private static final int MAX_FORMAT_BYTES = 1024;

	/** The most chunks walked before the {@code data} chunk, as {@link Wav#parse} walks. */
	private static final int MAX_CHUNKS = 64;

	private CallAudio() {
	}

	/** The WAV's audio in {@code law}: the very bytes when it is stored in that law, else transcoded. */
	static byte[] inLaw(byte[] wavFile, G711 law) {
		Wav wav = Wav.parse(wavFile);
		byte[] audio = wav.audioBytes();
		if (wav.encoding() == Wav.Encoding.of(law)) {
			return audio;
		}
		byte[] out = new byte[audio.length / wav.encoding().bytesPerSample()];
		transcode(wav.encoding(), audio, audio.length, law, out);
		return out;
	}

	/**
	 * Copies the audio of the WAV file read from {@code wavFile} to {@code out} in {@code law}, as
	 * {@link #inLaw(byte[], G711)} gives it, holding no more than about {@code bufferBytes} of it at a time: never the
	 * whole file. Reads up to the end of the {@code data} chunk.
	 *
	 * @param bufferBytes an even number of bytes
	 * @throws IllegalArgumentException when it is no WAV file that Voxbox plays: one whose format {@link Wav#parse}
	 * refuses, whose chunks do not add up, or that ends before its {@code data} chunk does
	 * @throws IOException when {@code wavFile} or {@code out} fails
	 */
	static void copyInLaw(InputStream wavFile, G711 law, OutputStream out, int bufferBytes) throws IOException {
		if (bufferBytes < 2 || bufferBytes % 2 != 0) {
			throw new IllegalArgumentException("buffer must be an even number of bytes: " + bufferBytes);
		}
		byte[] riff = read(wavFile, 12);
		if (!"RIFF".equals(id(riff, 0)) || !"WAVE".equals(id(riff, 8))) {
			throw new IllegalArgumentException("not a RIFF/WAVE file");
		}
		long left = littleUnsignedInt(riff, 4) - 4; // the chunks' bytes, as the RIFF size declares them
		byte[] format = null;
		for (int chunks = 1; chunks <= MAX_CHUNKS; chunks++) {
			if (left < 8) {
				throw new IllegalArgumentException(format == null ? "no 'fmt ' chunk" : "no 'data' chunk");
			}
			byte[] header = read(wavFile, 8);
			String id = id(header, 0);
			long size = littleUnsignedInt(header, 4);
			left -= 8;
			if (size > left) {
				throw new IllegalArgumentException(
						"chunk '" + id + "' declares " + size + " bytes but only " + left + " remain");
			}
			if (id.equals("fmt ")) {
				if (format != null) {
					throw new IllegalArgumentException("more than one 'fmt ' chunk");
				}
				if (size > MAX_FORMAT_BYTES) {
					throw new IllegalArgumentException("'fmt ' chunk of " + size + " bytes");
				}
				format = read(wavFile, (int) size);
			}
			else if (id.equals("data")) {
				if (format == null) {
					throw new IllegalArgumentException("'data' chunk before the 'fmt ' chunk");
				}
				copy(wavFile, size, encoding(format), law, out, bufferBytes);
				return;
			}
			else {
				skip(wavFile, size);
			}
			long pad = Math.min(size & 1, left - size);
			skip(wavFile, pad);
			left -= size + pad;
		}
		throw new IllegalArgumentException("more than " + MAX_CHUNKS + " chunks");
	}

	/** A call's recorded G.711 bytes as a WAV file in the same law (no transcoding). */
	static byte[] wav(G711 law, byte[] audio) {
		// Header and audio straight into the file's one array (Wav.of(…).toBytes() would copy the audio twice more:
		// a 10-minute message is 4.8 MB).
		byte[] header = Wav.header(Wav.Encoding.of(law), audio.length);
		byte[] file = new byte[header.length + audio.length + (audio.length & 1)];
		System.arraycopy(header, 0, file, 0, header.length);
		System.arraycopy(audio, 0, file, header.length, audio.length);
		return file;
	}

	/** The media type stored with such a WAV. */
	static String format(G711 law) {
		return law == G711.ALAW ? "audio/x-wav;codec=alaw" : "audio/x-wav;codec=ulaw";
	}

	/** Copies {@code size} bytes of audio stored in {@code stored} to {@code out} in {@code law}. */
	private static void copy(InputStream in, long size, Wav.Encoding stored, G711 law, OutputStream out,
			int bufferBytes) throws IOException {
		if (size % stored.bytesPerSample() != 0) {
			throw new IllegalArgumentException("'data' chunk of " + size + " bytes is not a whole number of samples");
		}
		boolean same = stored == Wav.Encoding.of(law);
		byte[] buffer = new byte[(int) Math.min(bufferBytes, size)];
		byte[] converted = same ? buffer : new byte[buffer.length / stored.bytesPerSample()];
		for (long left = size; left > 0;) {
			int n = (int) Math.min(buffer.length, left);
			if (in.readNBytes(buffer, 0, n) < n) {
				throw new IllegalArgumentException("the file ends within its 'data' chunk");
			}
			left -= n;
			if (same) {
				out.write(buffer, 0, n);
			}
			else {
				out.write(converted, 0, transcode(stored, buffer, n, law, converted));
			}
		}
	}

	/**
	 * Writes the {@code length} bytes of {@code audio}, stored in {@code stored}, into {@code out} in {@code law};
	 * returns how many bytes that is.
	 */
	private static int transcode(Wav.Encoding stored, byte[] audio, int length, G711 law, byte[] out) {
		short[] pcm;
		if (stored == Wav.Encoding.PCM_16) {
			pcm = new short[length / 2];
			for (int i = 0; i < pcm.length; i++) {
				pcm[i] = (short) ((audio[2 * i] & 0xff) | (audio[2 * i + 1] << 8));
			}
		}
		else {
			pcm = new short[length];
			(stored == Wav.Encoding.ALAW ? G711.ALAW : G711.ULAW).decode(audio, 0, pcm, 0, length);
		}
		law.encode(pcm, 0, out, 0, pcm.length);
		return pcm.length;
	}

	/** The encoding a {@code fmt } chunk's body declares, judged by {@link Wav#parse} as a file of its own. */
	private static Wav.Encoding encoding(byte[] format) {
		int pad = format.length & 1;
		ByteBuffer file = ByteBuffer.allocate(12 + 8 + format.length + pad + 8).order(ByteOrder.LITTLE_ENDIAN);
		file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(file.capacity() - 8)
			.put("WAVE".getBytes(StandardCharsets.US_ASCII));
		file.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(format.length).put(format).put(new byte[pad]);
		file.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0);
		return Wav.parse(file.array()).encoding();
	}

	private static byte[] read(InputStream in, int n) throws IOException {
		byte[] bytes = in.readNBytes(n);
		if (bytes.length < n) {
			throw new IllegalArgumentException("the file ends before its RIFF size says");
		}
		return bytes;
	}

	private static void skip(InputStream in, long n) throws IOException {
		try {
			in.skipNBytes(n);
		}
		catch (EOFException ex) {
			throw new IllegalArgumentException("the file ends before its RIFF size says");
		}
	}

	private static String id(byte[] bytes, int at) {
		StringBuilder id = new StringBuilder(4);
		for (int i = at; i < at + 4; i++) {
			int c = bytes[i] & 0xff;
			id.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
		}
		return id.toString();
	}

	private static long littleUnsignedInt(byte[] bytes, int at) {
		return (bytes[at] & 0xffL) | (bytes[at + 1] & 0xffL) << 8 | (bytes[at + 2] & 0xffL) << 16
				| (bytes[at + 3] & 0xffL) << 24;
	}
}
