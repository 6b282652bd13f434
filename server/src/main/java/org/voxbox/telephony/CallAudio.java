package org.voxbox.telephony;

import org.voxbox.media.G711;
import org.voxbox.media.Wav;

/** Stored audio (a WAV file in µ-law, A-law or 16-bit PCM) as a call's G.711 bytes, and back. */
final class CallAudio {

	private CallAudio() {
	}

	/** The WAV's audio in {@code law}: the very bytes when it is stored in that law, else transcoded. */
	static byte[] inLaw(byte[] wavFile, G711 law) {
		Wav wav = Wav.parse(wavFile);
		byte[] audio = wav.audioBytes();
		short[] pcm;
		if (wav.encoding() == Wav.Encoding.PCM_16) {
			pcm = new short[audio.length / 2];
			for (int i = 0; i < pcm.length; i++) {
				pcm[i] = (short) ((audio[2 * i] & 0xff) | (audio[2 * i + 1] << 8));
			}
		}
		else {
			G711 stored = wav.encoding() == Wav.Encoding.ALAW ? G711.ALAW : G711.ULAW;
			if (stored == law) {
				return audio;
			}
			pcm = new short[audio.length];
			stored.decode(audio, 0, pcm, 0, audio.length);
		}
		byte[] out = new byte[pcm.length];
		law.encode(pcm, 0, out, 0, pcm.length);
		return out;
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
}
