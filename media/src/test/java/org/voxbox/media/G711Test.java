package org.voxbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class G711Test {

	@ParameterizedTest(name = "{0}: code {1} decodes to {2}")
	@CsvSource({
		"ULAW, 0xFF, 0",
		"ULAW, 0x7F, 0",
		"ULAW, 0x00, -32124",
		"ULAW, 0x80, 32124",
		"ULAW, 0xFE, 8",
		"ULAW, 0x7E, -8",
		"ULAW, 0xEF, 132",
		"ULAW, 0xF0, 120",
		"ALAW, 0xD5, 8",
		"ALAW, 0x55, -8",
		"ALAW, 0xAA, 32256",
		"ALAW, 0x2A, -32256",
		"ALAW, 0xD4, 24",
		"ALAW, 0xC5, 264",
	})
	void decodesReferenceCodes(G711 law, String code, short linear) {
		assertThat(law.decode((byte) Integer.parseInt(code.substring(2), 16))).isEqualTo(linear);
	}

	@ParameterizedTest(name = "{0}: {1} encodes to {2}")
	@CsvSource({
		"ULAW, 0, 0xFF",
		"ULAW, -1, 0x7F",
		"ULAW, -4, 0x7F",
		"ULAW, -5, 0x7E",
		"ULAW, 32767, 0x80",
		"ULAW, -32768, 0x00",
		"ULAW, 1000, 0xCE",
		"ULAW, -1000, 0x4E",
		"ALAW, 0, 0xD5",
		"ALAW, -1, 0x55",
		"ALAW, -8, 0x55",
		"ALAW, -16, 0x55",
		"ALAW, -17, 0x54",
		"ALAW, 32767, 0xAA",
		"ALAW, -32768, 0x2A",
		"ALAW, 1000, 0xFA",
		"ALAW, -1000, 0x7A",
	})
	void encodesReferenceSamples(G711 law, short linear, String code) {
		assertThat(law.encode(linear) & 0xFF).isEqualTo(Integer.parseInt(code.substring(2), 16));
	}

	@ParameterizedTest
	@EnumSource(G711.class)
	void everyCodeSurvivesADecodeEncodeRoundTripExceptMuLawNegativeZero(G711 law) {
		for (int code = 0; code < 256; code++) {
			int expected = law == G711.ULAW && code == 0x7F ? 0xFF : code;
			assertThat(law.encode(law.decode((byte) code)) & 0xFF)
					.as("%s code 0x%02X", law, code)
					.isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@EnumSource(G711.class)
	void encodingIsMonotonic(G711 law) {
		short previousDecoded = Short.MIN_VALUE;
		for (int pcm = Short.MIN_VALUE; pcm <= Short.MAX_VALUE; pcm++) {
			short decoded = law.decode(law.encode((short) pcm));
			assertThat(decoded).as("%s at %d", law, pcm).isGreaterThanOrEqualTo(previousDecoded);
			previousDecoded = decoded;
		}
	}

	@ParameterizedTest
	@EnumSource(G711.class)
	void quantisationErrorStaysWithinHalfAStepOfTheSegment(G711 law) {
		for (int pcm = -32000; pcm <= 32000; pcm++) {
			int decoded = law.decode(law.encode((short) pcm));
			int magnitude = Math.abs(pcm);
			// the widest step of the segment holding |pcm| (plus one for the one's-complement rounding)
			int step = law == G711.ULAW ? Math.max(8, Integer.highestOneBit(magnitude + 132) >> 4)
					: Math.max(16, Integer.highestOneBit(magnitude) >> 4);
			assertThat(Math.abs(decoded - pcm)).as("%s at %d", law, pcm).isLessThanOrEqualTo(step);
		}
	}

	@ParameterizedTest
	@EnumSource(G711.class)
	void codesAreSymmetricAroundZeroAndAllLevelsAreDistinct(G711 law) {
		java.util.Set<Short> distinct = new java.util.HashSet<>();
		for (int code = 0; code < 256; code++) {
			short value = law.decode((byte) code);
			assertThat(law.decode((byte) (code ^ 0x80))).as("%s code 0x%02X", law, code).isEqualTo((short) -value);
			distinct.add(value);
		}
		assertThat(distinct).hasSize(law == G711.ULAW ? 255 : 256);
	}

	@ParameterizedTest
	@EnumSource(G711.class)
	void decodesExactlyLikeTheJdkCodec(G711 law) throws IOException {
		byte[] codes = new byte[256];
		for (int i = 0; i < 256; i++) {
			codes[i] = (byte) i;
		}
		AudioFormat.Encoding encoding = law == G711.ULAW ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW;
		AudioInputStream companded = new AudioInputStream(new ByteArrayInputStream(codes),
				new AudioFormat(encoding, 8000, 8, 1, 1, 8000, false), 256);
		AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, true);
		byte[] linear = AudioSystem.getAudioInputStream(pcm, companded).readAllBytes();
		assertThat(linear).hasSize(512);
		for (int i = 0; i < 256; i++) {
			short jdk = (short) (((linear[2 * i] & 0xFF) << 8) | (linear[2 * i + 1] & 0xFF));
			assertThat(law.decode((byte) i)).as("%s code 0x%02X", law, i).isEqualTo(jdk);
		}
	}

	@Test
	void bulkConversionMatchesSampleBySample() {
		short[] pcm = {0, 1, -1, 1234, -1234, 32767, -32768};
		for (G711 law : G711.values()) {
			byte[] codes = new byte[pcm.length + 2];
			law.encode(pcm, 0, codes, 2, pcm.length);
			short[] back = new short[pcm.length];
			law.decode(codes, 2, back, 0, pcm.length);
			for (int i = 0; i < pcm.length; i++) {
				assertThat(codes[i + 2]).isEqualTo(law.encode(pcm[i]));
				assertThat(back[i]).isEqualTo(law.decode(codes[i + 2]));
			}
			assertThatExceptionOfType(IndexOutOfBoundsException.class)
					.isThrownBy(() -> law.decode(new byte[4], 2, new short[4], 0, 3));
		}
	}

	@Test
	void silenceCodesDecodeToTheQuietestLevel() {
		assertThat(G711.ULAW.decode(G711.ULAW.silence())).isZero();
		assertThat(G711.ALAW.decode(G711.ALAW.silence())).isEqualTo((short) 8);
		assertThat(G711.ULAW.payloadType()).isZero();
		assertThat(G711.ALAW.payloadType()).isEqualTo(8);
	}
}
