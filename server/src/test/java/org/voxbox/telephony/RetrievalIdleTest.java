package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxbox.media.G711;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle limit of a retrieval call, on a flow whose time the test moves by hand: it counts only while a key is
 * awaited, from the end of the last prompt or the last key, whichever is later, and ends the call with
 * "goodbye". The flow's playback is played by the test frame by frame, as the pacer would.
 */
class RetrievalIdleTest {

	private static final Prompts PROMPTS = new Prompts();

	private static final Duration LIMIT = Duration.ofSeconds(60);

	private final ManualTimers timers = new ManualTimers();

	private final AtomicBoolean hungUp = new AtomicBoolean();

	private DatagramChannel channel;

	private Playback voice;

	private Retrieval call;

	@BeforeEach
	void call() throws Exception {
		channel = DatagramChannel.open();
		voice = new Playback(channel, () -> null);
		Retrieval.Services services = new Retrieval.Services(Runnable::run, PROMPTS, null, null, null, null, null, null,
				Clock.systemUTC(), ZoneOffset.UTC, timers, LIMIT);
		call = new Retrieval(services, voice, new DigitReceiver(101, key -> { }), G711.ALAW, () -> hungUp.set(true));
	}

	@AfterEach
	void close() throws Exception {
		channel.close();
	}

	@Test
	void aCallerWhoPressesNoKeyAfterThePromptHearsGoodbyeAndIsHungUpOn() {
		call.start(null);
		assertThat(playToTheEnd()).isEqualTo(prompt("enter_mailbox"));
		timers.advance(LIMIT.minusSeconds(1));
		assertThat(playToTheEnd()).as("nothing played a second before the limit").isEmpty();
		assertThat(hungUp).isFalse();
		timers.advance(Duration.ofSeconds(1));
		assertThat(playToTheEnd()).isEqualTo(prompt("goodbye"));
		assertThat(hungUp).as("hung up after goodbye").isTrue();
	}

	@Test
	void theLimitDoesNotCountWhileAPromptIsPlaying() {
		call.start(null);
		byte[] half = play(prompt("enter_mailbox").length / 2);
		timers.advance(LIMIT.multipliedBy(10));
		assertThat(Playback.concat(half, playToTheEnd())).as("the prompt, whole").isEqualTo(prompt("enter_mailbox"));
		assertThat(hungUp).isFalse();
		timers.advance(LIMIT.minusSeconds(1));
		assertThat(hungUp).isFalse();
		timers.advance(Duration.ofSeconds(1));
		assertThat(playToTheEnd()).isEqualTo(prompt("goodbye"));
		assertThat(hungUp).isTrue();
	}

	@Test
	void eachKeyStartsTheLimitAgain() {
		call.start(null);
		playToTheEnd();
		timers.advance(LIMIT.minusSeconds(10));
		call.key('4');
		timers.advance(LIMIT.minusSeconds(10));
		call.key('7');
		timers.advance(LIMIT.minusSeconds(1));
		assertThat(playToTheEnd()).isEmpty();
		assertThat(hungUp).isFalse();
		timers.advance(Duration.ofSeconds(1));
		assertThat(playToTheEnd()).isEqualTo(prompt("goodbye"));
		assertThat(hungUp).isTrue();
	}

	@Test
	void aKeyPressedDuringThePromptDoesNotStartTheLimitBeforeThePromptEnds() {
		call.start(null);
		byte[] half = play(prompt("enter_mailbox").length / 2);
		call.key('4');
		timers.advance(LIMIT.multipliedBy(2));
		assertThat(Playback.concat(half, playToTheEnd())).isEqualTo(prompt("enter_mailbox"));
		timers.advance(LIMIT.minusSeconds(1));
		assertThat(hungUp).isFalse();
		timers.advance(Duration.ofSeconds(1));
		assertThat(playToTheEnd()).isEqualTo(prompt("goodbye"));
		assertThat(hungUp).isTrue();
	}

	@Test
	void aCallThatEndedWaitsForNothing() {
		call.start(null);
		playToTheEnd();
		call.ended();
		assertThat(timers.pending()).isZero();
		timers.advance(LIMIT.multipliedBy(2));
		assertThat(playToTheEnd()).isEmpty();
		assertThat(hungUp).isFalse();
	}

	private static byte[] prompt(String name) {
		return PROMPTS.get(Locale.ENGLISH, name, G711.ALAW);
	}

	/** Plays, as the pacer does, until the clip playing now ends (its end runs), and returns what was sent. */
	private byte[] playToTheEnd() {
		return play(Integer.MAX_VALUE);
	}

	/** Plays at most {@code bytes} of the clip playing now, frame by frame, and returns what was sent. */
	private byte[] play(int bytes) {
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		byte[] frame = new byte[Recording.BYTES_PER_FRAME];
		while (sent.size() < bytes) {
			int length = voice.nextFrame(frame);
			if (length == 0) {
				break;
			}
			sent.write(frame, 0, length);
		}
		return sent.toByteArray();
	}

	/** Timers that run when the test moves their time on. */
	static final class ManualTimers implements Timers {

		private record Task(Duration due, Runnable task, AtomicBoolean cancelled) {
		}

		private final List<Task> tasks = new ArrayList<>();

		private Duration now = Duration.ZERO;

		@Override
		public Timer schedule(Duration delay, Runnable task) {
			Task scheduled = new Task(now.plus(delay), task, new AtomicBoolean());
			tasks.add(scheduled);
			return () -> scheduled.cancelled().set(true);
		}

		/** Moves time on by {@code by}, running what falls due, in order. */
		void advance(Duration by) {
			Duration until = now.plus(by);
			while (true) {
				tasks.removeIf(t -> t.cancelled().get());
				Task next = tasks.stream().filter(t -> t.due().compareTo(until) <= 0)
					.min(Comparator.comparing(Task::due)).orElse(null);
				if (next == null) {
					break;
				}
				tasks.remove(next);
				now = next.due();
				next.task().run();
			}
			now = until;
		}

		/** Tasks waiting, not cancelled. */
		long pending() {
			return tasks.stream().filter(t -> !t.cancelled().get()).count();
		}
	}
}
