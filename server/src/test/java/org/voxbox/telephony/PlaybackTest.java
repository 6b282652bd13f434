package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clip of parts played as the pacer plays it, frame by frame: the parts one after the other with no gap at their
 * seams, its end run once after the last frame, a replaced clip never ended, and every part closed off the pacer's
 * thread — by the next play or the stop — once it is done with.
 */
class PlaybackTest {

	private DatagramChannel channel;

	private Playback voice;

	private final List<String> closed = new ArrayList<>();

	@BeforeEach
	void open() throws Exception {
		channel = DatagramChannel.open();
		voice = new Playback(channel, () -> null);
	}

	@AfterEach
	void close() throws Exception {
		channel.close();
	}

	@Test
	void partsPlayOneAfterTheOtherInWholeFramesAndTheEndRunsOnceAfterTheLastFrame() {
		byte[] prompt = bytes(250, 1);
		byte[] message = bytes(1000, 2);
		byte[] menu = bytes(70, 3);
		AtomicInteger ended = new AtomicInteger();
		voice.play(List.of(part("prompt", prompt), part("empty", new byte[0]), part("message", message),
				part("menu", menu)), ended::incrementAndGet);

		List<Integer> frames = new ArrayList<>();
		ByteArrayOutputStream heard = new ByteArrayOutputStream();
		byte[] frame = new byte[Recording.BYTES_PER_FRAME];
		for (int n; (n = voice.nextFrame(frame)) > 0;) {
			frames.add(n);
			heard.write(frame, 0, n);
			assertThat(ended).as("not before the last frame was sent").hasValue(0);
		}
		assertThat(heard.toByteArray()).isEqualTo(Playback.concat(prompt, message, menu));
		assertThat(frames).as("full frames across the seams, the last one short").containsExactly(160, 160, 160, 160,
				160, 160, 160, 160, 40);
		assertThat(ended).hasValue(1);
		assertThat(voice.nextFrame(frame)).isZero();
		assertThat(ended).as("once").hasValue(1);
		assertThat(closed).as("not on the pacer's thread").isEmpty();

		voice.play(new byte[0], () -> { });
		assertThat(closed).as("by the next clip").containsExactly("prompt", "empty", "message", "menu");
	}

	@Test
	void aReplacedClipIsClosedAtOnceAndItsEndNeverRuns() {
		AtomicInteger ended = new AtomicInteger();
		voice.play(List.of(part("first", bytes(1000, 1))), ended::incrementAndGet);
		byte[] frame = new byte[Recording.BYTES_PER_FRAME];
		voice.nextFrame(frame);
		byte[] second = bytes(200, 2);
		voice.play(List.of(part("second", second)), () -> { });
		assertThat(closed).containsExactly("first");
		assertThat(RetrievalTest.play(voice, Integer.MAX_VALUE)).isEqualTo(second);
		assertThat(ended).hasValue(0);
	}

	@Test
	void aStoppedPlaybackClosesWhatPlaysAndPlaysNothingMore() {
		AtomicInteger ended = new AtomicInteger();
		voice.play(List.of(part("playing", bytes(1000, 1))), ended::incrementAndGet);
		voice.stop();
		assertThat(closed).containsExactly("playing");
		voice.play(List.of(part("late", bytes(1000, 2))), ended::incrementAndGet);
		assertThat(closed).as("a clip played after the stop").containsExactly("playing", "late");
		assertThat(voice.nextFrame(new byte[Recording.BYTES_PER_FRAME])).isZero();
		assertThat(ended).hasValue(0);
	}

	@Test
	void onHoldTheClipGoesOnInSilence() {
		AtomicInteger ended = new AtomicInteger();
		byte[] audio = bytes(480, 1);
		voice.play(List.of(part("audio", audio)), ended::incrementAndGet);
		byte[] frame = new byte[Recording.BYTES_PER_FRAME];
		voice.hold(true);
		assertThat(voice.nextFrame(frame)).isZero();
		voice.hold(false);
		assertThat(RetrievalTest.play(voice, Integer.MAX_VALUE)).isEqualTo(Arrays.copyOfRange(audio, 160, 480));
		assertThat(ended).hasValue(1);
	}

	/** The bytes of {@code audio}, noting when it is closed. */
	private Playback.Part part(String name, byte[] audio) {
		Playback.Part bytes = Playback.Part.of(audio);
		return new Playback.Part() {

			@Override
			public int read(byte[] into, int offset, int length) {
				assertThat(closed).as("%s is read after it was closed", name).doesNotContain(name);
				return bytes.read(into, offset, length);
			}

			@Override
			public void close() {
				closed.add(name);
			}
		};
	}

	private static byte[] bytes(int length, int tone) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (tone * 31 + i);
		}
		return bytes;
	}
}
