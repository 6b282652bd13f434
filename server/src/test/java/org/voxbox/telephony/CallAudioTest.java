package org.voxbox.telephony;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.voxbox.media.G711;
import org.voxbox.media.Wav;

import static org.assertj.core.api.Assertions.assertThat;

class CallAudioTest {

	@Test
	void aRecordingBecomesTheSameWavFileAsTheMediaModuleWrites() {
		Random random = new Random(42);
		for (G711 law : G711.values()) {
			for (int length : new int[] { 0, 1, 160, 8001, 240_000 }) {
				byte[] audio = new byte[length];
				random.nextBytes(audio);
				byte[] file = CallAudio.wav(law, audio);
				assertThat(file).as("%s, %d bytes", law, length).isEqualTo(Wav.of(Wav.Encoding.of(law), audio).toBytes());
				assertThat(CallAudio.inLaw(file, law)).as("read back").isEqualTo(audio);
			}
		}
	}
}
