package org.voxbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SilenceDetectorTest {

	/** 20 ms of a 1 kHz sine at the given level, in dBFS of its peak. */
	private static byte[] tone(G711 law, double peakDbfs, int phaseSamples) {
		double amplitude = 32767 * Math.pow(10, peakDbfs / 20);
		byte[] frame = new byte[160];
		for (int i = 0; i < frame.length; i++) {
			frame[i] = law.encode((short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * (i + phaseSamples) / 8000.0)));
		}
		return frame;
	}

	private static byte[] silence(G711 law) {
		byte[] frame = new byte[160];
		Arrays.fill(frame, law.silence());
		return frame;
	}

	@ParameterizedTest
	@EnumSource(G711.class)
	void treatsIdleCodesAsSilence(G711 law) {
		SilenceDetector detector = new SilenceDetector(law);
		assertThat(detector.offer(silence(law))).isTrue();
		assertThat(detector.lastLevelDbfs()).isLessThan(-70);
		assertThat(detector.silentMillis()).isEqualTo(20);
	}

	@Test
	void measuresMuLawIdleAsMinusInfinityAndALawIdleAsMinus72() {
		SilenceDetector mu = new SilenceDetector(G711.ULAW);
		mu.offer(silence(G711.ULAW));
		assertThat(mu.lastLevelDbfs()).isEqualTo(Double.NEGATIVE_INFINITY);
		SilenceDetector a = new SilenceDetector(G711.ALAW);
		a.offer(silence(G711.ALAW));
		assertThat(a.lastLevelDbfs()).isCloseTo(-72.2, within(0.1));
	}

	@ParameterizedTest
	@EnumSource(G711.class)
	void measuresASineAtItsRmsLevel(G711 law) {
		SilenceDetector detector = new SilenceDetector(law);
		detector.offer(tone(law, -10, 0));
		assertThat(detector.lastLevelDbfs()).isCloseTo(-13.0, within(0.3));
		detector.offer(tone(law, -40, 0));
		assertThat(detector.lastLevelDbfs()).isCloseTo(-43.0, within(0.5));
	}

	@ParameterizedTest
	@EnumSource(G711.class)
	void countsConsecutiveSilenceAndRestartsAfterSpeech(G711 law) {
		SilenceDetector detector = new SilenceDetector(law);
		for (int i = 0; i < 50; i++) {
			assertThat(detector.offer(silence(law))).isTrue();
		}
		assertThat(detector.silentMillis()).isEqualTo(1000);
		assertThat(detector.offer(tone(law, -20, 0))).isFalse();
		assertThat(detector.silentMillis()).isZero();
		detector.offer(tone(law, -60, 0));
		detector.offer(silence(law));
		assertThat(detector.silentMillis()).isEqualTo(40);
	}

	@Test
	void comparesAgainstTheConfiguredThreshold() {
		byte[] quietTone = tone(G711.ULAW, -37, 0); // RMS about -40 dBFS
		assertThat(new SilenceDetector(G711.ULAW).offer(quietTone)).isFalse();
		assertThat(new SilenceDetector(G711.ULAW, -35).offer(quietTone)).isTrue();
		assertThat(new SilenceDetector(G711.ULAW, -45).thresholdDbfs()).isEqualTo(-45);
		assertThat(SilenceDetector.DEFAULT_THRESHOLD_DBFS).isEqualTo(-45);
	}

	@Test
	void countsTimeByFrameLength() {
		SilenceDetector detector = new SilenceDetector(G711.ULAW);
		detector.offer(new byte[240], 0, 240); // 30 ms of 0x00, the loudest negative code
		assertThat(detector.silentMillis()).isZero();
		byte[] tenMillis = new byte[80];
		Arrays.fill(tenMillis, (byte) 0xFF);
		detector.offer(tenMillis, 0, 80);
		detector.offer(silence(G711.ULAW), 40, 120);
		assertThat(detector.silentMillis()).isEqualTo(25);
	}

	@Test
	void forgetsTheSilentRunOnReset() {
		SilenceDetector detector = new SilenceDetector(G711.ALAW);
		detector.offer(silence(G711.ALAW));
		detector.reset();
		assertThat(detector.silentMillis()).isZero();
		assertThat(detector.lastLevelDbfs()).isEqualTo(Double.NEGATIVE_INFINITY);
	}

	@Test
	void refusesAThresholdOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SilenceDetector(G711.ULAW, 3))
				.withMessage("thresholdDbfs must be -96 to 0: 3.0");
		assertThatIllegalArgumentException().isThrownBy(() -> new SilenceDetector(G711.ULAW, Double.NaN))
				.withMessage("thresholdDbfs must be -96 to 0: NaN");
	}
}
