package org.voxbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavTest {

	/** A file assembled chunk by chunk, for building malformed input. */
	private static final class Riff {
		private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
		private Integer riffSize;

		Riff chunk(String id, byte[] body) {
			return chunk(id, body.length, body);
		}

		Riff chunk(String id, long declaredSize, byte[] body) {
			chunks.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
			chunks.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) declaredSize).array());
			chunks.writeBytes(body);
			if ((body.length & 1) == 1 && declaredSize == body.length) {
				chunks.write(0);
			}
			return this;
		}

		Riff riffSize(int size) {
			riffSize = size;
			return this;
		}

		byte[] bytes() {
			byte[] body = chunks.toByteArray();
			ByteBuffer file = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
			file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(riffSize != null ? riffSize : 4 + body.length)
					.put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
			return file.array();
		}
	}

	private static byte[] fmt(int tag, int channels, int rate, int blockAlign, int bits) {
		return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) channels)
				.putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits).array();
	}

	private static final byte[] MULAW_FMT = fmt(7, 1, 8000, 1, 8);

	private static byte[] ramp(int length) {
		byte[] audio = new byte[length];
		for (int i = 0; i < length; i++) {
			audio[i] = (byte) i;
		}
		return audio;
	}

	private static byte[] bytesOf(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	@Test
	void writesTheNonPcmLayoutForMuLaw() {
		byte[] file = Wav.of(Wav.Encoding.MULAW, ramp(3)).toBytes();
		ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
		assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
		assertThat(b.getInt(4)).isEqualTo(file.length - 8);
		assertThat(new String(file, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
		assertThat(b.getInt(16)).isEqualTo(18);
		assertThat(b.getShort(20)).isEqualTo((short) 7);
		assertThat(b.getShort(22)).isEqualTo((short) 1);
		assertThat(b.getInt(24)).isEqualTo(8000);
		assertThat(b.getInt(28)).isEqualTo(8000);
		assertThat(b.getShort(32)).isEqualTo((short) 1);
		assertThat(b.getShort(34)).isEqualTo((short) 8);
		assertThat(b.getShort(36)).isZero();
		assertThat(new String(file, 38, 4, StandardCharsets.US_ASCII)).isEqualTo("fact");
		assertThat(b.getInt(42)).isEqualTo(4);
		assertThat(b.getInt(46)).isEqualTo(3);
		assertThat(new String(file, 50, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
		assertThat(b.getInt(54)).isEqualTo(3);
		assertThat(file).hasSize(58 + 3 + 1);
		assertThat(Wav.header(Wav.Encoding.ALAW, 0)).hasSize(58);
		assertThat(Wav.header(Wav.Encoding.PCM_16, 0)).hasSize(44);
	}

	@ParameterizedTest
	@EnumSource(Wav.Encoding.class)
	void readsBackWhatItWrites(Wav.Encoding encoding) {
		byte[] audio = ramp(1600);
		Wav read = Wav.parse(Wav.of(encoding, audio).toBytes());
		assertThat(read.encoding()).isEqualTo(encoding);
		assertThat(bytesOf(read.audio())).isEqualTo(audio);
		assertThat(read.durationMillis()).isEqualTo(encoding == Wav.Encoding.PCM_16 ? 100 : 200);
	}

	@ParameterizedTest
	@EnumSource(Wav.Encoding.class)
	void writesFilesTheJdkReadsWithTheSameFormat(Wav.Encoding encoding) throws Exception {
		byte[] audio = ramp(800);
		AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(Wav.of(encoding, audio).toBytes()));
		AudioFormat format = in.getFormat();
		assertThat(format.getSampleRate()).isEqualTo(8000f);
		assertThat(format.getChannels()).isEqualTo(1);
		assertThat(format.getEncoding()).isEqualTo(switch (encoding) {
			case PCM_16 -> AudioFormat.Encoding.PCM_SIGNED;
			case ALAW -> AudioFormat.Encoding.ALAW;
			case MULAW -> AudioFormat.Encoding.ULAW;
		});
		assertThat(in.readAllBytes()).isEqualTo(audio);
	}

	@Test
	void readsAPcmFileWrittenByTheJdk() throws Exception {
		byte[] pcm = ramp(320);
		AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, 160), AudioFileFormat.Type.WAVE, file);
		Wav read = Wav.parse(file.toByteArray());
		assertThat(read.encoding()).isEqualTo(Wav.Encoding.PCM_16);
		assertThat(bytesOf(read.audio())).isEqualTo(pcm);
	}

	@Test
	void skipsUnknownAndOddSizedChunksAndTrailingBytes() {
		byte[] file = new Riff().chunk("LIST", new byte[5]).chunk("fmt ", MULAW_FMT).chunk("junk", new byte[0])
				.chunk("data", ramp(7)).bytes();
		byte[] withTrailer = Arrays.copyOf(file, file.length + 10);
		Wav read = Wav.parse(withTrailer);
		assertThat(bytesOf(read.audio())).isEqualTo(ramp(7));
	}

	@Test
	void acceptsWaveFormatExtensibleWithAPcmSubformat() {
		ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).put(fmt(0xFFFE, 1, 8000, 2, 16))
				.putShort((short) 22).putShort((short) 16).putInt(4).putShort((short) 1);
		Wav read = Wav.parse(new Riff().chunk("fmt ", fmt.array()).chunk("data", new byte[4]).bytes());
		assertThat(read.encoding()).isEqualTo(Wav.Encoding.PCM_16);
	}

	@Test
	void refusesFilesThatAreNotRiffWave() {
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(new byte[0])).withMessage("not a RIFF/WAVE file");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse("RIFF\0\0\0\0AVI ".getBytes(StandardCharsets.US_ASCII)))
				.withMessage("not a RIFF/WAVE file");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse("ID3\3 some mp3 data".getBytes(StandardCharsets.US_ASCII)))
				.withMessage("not a RIFF/WAVE file");
	}

	@Test
	void refusesARiffSizeBeyondTheFile() {
		byte[] file = new Riff().chunk("fmt ", MULAW_FMT).chunk("data", ramp(10)).riffSize(-1).bytes();
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(file))
				.withMessageStartingWith("RIFF size 4294967295 exceeds the file's");
	}

	@Test
	void refusesAChunkSizeBeyondTheFile() {
		byte[] file = new Riff().chunk("fmt ", MULAW_FMT).chunk("data", 0xFFFF_FFF0L, ramp(10)).bytes();
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(file))
				.withMessage("chunk 'data' at offset 36 declares 4294967280 bytes but only 10 remain");
	}

	@Test
	void refusesATruncatedChunkHeader() {
		byte[] file = new Riff().chunk("fmt ", MULAW_FMT).chunk("data", ramp(2)).bytes();
		byte[] extra = Arrays.copyOf(file, file.length + 4);
		ByteBuffer.wrap(extra).order(ByteOrder.LITTLE_ENDIAN).putInt(4, extra.length - 8);
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(extra))
				.withMessage("truncated chunk header at offset " + file.length);
	}

	@Test
	void refusesMissingOrDuplicateChunks() {
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(new Riff().chunk("data", ramp(4)).bytes()))
				.withMessage("'data' chunk before the 'fmt ' chunk");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", MULAW_FMT).bytes()))
				.withMessage("no 'data' chunk");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(new Riff().chunk("LIST", ramp(4)).bytes()))
				.withMessage("no 'fmt ' chunk");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(new Riff().bytes()))
				.withMessage("no 'fmt ' chunk");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", MULAW_FMT).chunk("fmt ", MULAW_FMT).bytes()))
				.withMessage("more than one 'fmt ' chunk");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(
				new Riff().chunk("fmt ", MULAW_FMT).chunk("data", ramp(2)).chunk("data", ramp(2)).bytes()))
				.withMessage("more than one 'data' chunk");
	}

	@Test
	void refusesTooManyChunks() {
		Riff riff = new Riff().chunk("fmt ", MULAW_FMT);
		for (int i = 0; i < Wav.MAX_CHUNKS; i++) {
			riff.chunk("junk", new byte[0]);
		}
		byte[] file = riff.chunk("data", ramp(2)).bytes();
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.parse(file)).withMessage("more than 64 chunks");
	}

	@Test
	void refusesAShortFmtChunk() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", new byte[14]).chunk("data", ramp(2)).bytes()))
				.withMessage("'fmt ' chunk of 14 bytes is shorter than 16");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", fmt(0xFFFE, 1, 8000, 2, 16)).chunk("data", ramp(2)).bytes()))
				.withMessage("WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk of 16 bytes is shorter than 40");
	}

	@Test
	void describesUnsupportedFormats() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", fmt(1, 2, 44100, 4, 16)).chunk("data", ramp(8)).bytes()))
				.withMessage("unsupported WAV format: PCM, 16 bits, 2 channel(s), 44100 Hz, block align 4;"
						+ " Voxbox accepts mono 8000 Hz 16-bit PCM, µ-law or A-law");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", fmt(0x55, 1, 8000, 1, 0)).chunk("data", ramp(8)).bytes()))
				.withMessageStartingWith("unsupported WAV format: MP3,");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", fmt(1, 1, 8000, 1, 8)).chunk("data", ramp(8)).bytes()))
				.withMessageStartingWith("unsupported WAV format: PCM, 8 bits, 1 channel(s), 8000 Hz");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", fmt(7, 1, 16000, 1, 8)).chunk("data", ramp(8)).bytes()))
				.withMessageContaining("16000 Hz");
	}

	@Test
	void refusesPcmDataThatIsNotWholeSamples() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> Wav.parse(new Riff().chunk("fmt ", fmt(1, 1, 8000, 2, 16)).chunk("data", ramp(7)).bytes()))
				.withMessage("'data' chunk of 7 bytes is not a whole number of 16-bit samples");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.of(Wav.Encoding.PCM_16, new byte[3]))
				.withMessage("audio length must be a whole number of PCM_16 samples: 3");
		assertThatIllegalArgumentException().isThrownBy(() -> Wav.header(Wav.Encoding.MULAW, -1))
				.withMessage("audio length must be 0 to 4 GiB: -1");
	}

	@Test
	void ownsItsAudio() {
		byte[] audio = ramp(4);
		Wav wav = Wav.of(Wav.Encoding.MULAW, audio);
		audio[0] = 99;
		assertThat(wav.audio().get(0)).isZero();
		assertThat(wav.audio().isReadOnly()).isTrue();
		assertThat(Wav.Encoding.of(G711.ULAW)).isEqualTo(Wav.Encoding.MULAW);
		assertThat(Wav.Encoding.of(G711.ALAW)).isEqualTo(Wav.Encoding.ALAW);
	}

	@Test
	void survivesRandomAndMutatedFilesWithOnlyIllegalArgumentExceptions() {
		SplittableRandom random = new SplittableRandom(2024);
		byte[] valid = new Riff().chunk("LIST", new byte[9]).chunk("fmt ", MULAW_FMT).chunk("data", ramp(40)).bytes();
		int accepted = 0;
		for (int i = 0; i < 50_000; i++) {
			byte[] file;
			if (random.nextInt(4) == 0) {
				file = new byte[random.nextInt(0, 120)];
				random.nextBytes(file);
			} else {
				file = Arrays.copyOf(valid, random.nextInt(0, valid.length + 8));
				for (int flips = random.nextInt(1, 4); flips > 0 && file.length > 0; flips--) {
					file[random.nextInt(file.length)] = (byte) random.nextInt(256);
				}
			}
			try {
				Wav wav = Wav.parse(file);
				assertThat(wav.audio().remaining()).isLessThanOrEqualTo(file.length);
				accepted++;
			} catch (IllegalArgumentException expected) {
				assertThat(expected).isExactlyInstanceOf(IllegalArgumentException.class);
				assertThat(expected.getMessage()).isNotBlank();
			}
		}
		assertThat(accepted).as("mutations that still parse, so parsing got deep").isGreaterThan(100);
	}
}
