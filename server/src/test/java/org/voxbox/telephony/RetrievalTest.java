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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.voxbox.directory.Person;
import org.voxbox.media.G711;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retrieval call's flow on its own, with time the test moves by hand and playback the test plays frame by
 * frame, as the pacer would. The idle limit counts only while a key is awaited, from the end of the last prompt
 * or the last key, whichever is later, and ends the call with "goodbye"; a step that fails ends it with "the
 * system is busy", never in silence, and logs no digit the caller typed.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetrievalTest {

	private static final Prompts PROMPTS = new Prompts();

	private static final Duration LIMIT = Duration.ofSeconds(60);

	private final ManualTimers timers = new ManualTimers();

	private final AtomicBoolean hungUp = new AtomicBoolean();

	/** Where the mailbox number goes: a database that has gone away. */
	private final CallRouting brokenDatabase = new CallRouting(null, null, null, null) {

		@Override
		Optional<Person> person(String number) {
			throw new DataAccessResourceFailureException("cannot look up " + number + ": connection refused");
		}
	};

	private DatagramChannel channel;

	private Playback voice;

	private Retrieval call;

	@BeforeEach
	void call() throws Exception {
		channel = DatagramChannel.open();
		voice = new Playback(channel, () -> null);
		// Only what the steps under test use is there: the calls run on the test's thread.
		Retrieval.Services services = new Retrieval.Services(Runnable::run, PROMPTS, brokenDatabase, null, null, null,
				null, null, null, Clock.systemUTC(), ZoneOffset.UTC, timers, LIMIT,
				Runnable::run);
		call = new Retrieval(services, voice, new DigitReceiver(101, key -> { }), G711.ALAW, () -> hungUp.set(true));
	}

	@AfterEach
	void close() throws Exception {
		channel.close();
	}

	@Test
	void aSlowTaskSuchAsAPinCheckNeverHoldsUpTheCallExecutor() throws Exception {
		// One thread for every call's events, as under load; a PIN check that waits for its hash meanwhile.
		java.util.concurrent.ExecutorService work = java.util.concurrent.Executors.newSingleThreadExecutor();
		java.util.concurrent.ExecutorService slow = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			Retrieval.Services services = new Retrieval.Services(work, PROMPTS, brokenDatabase, null, null, null, null,
					null, null, Clock.systemUTC(), ZoneOffset.UTC, timers, LIMIT, slow);
			Announcer announcer = new Announcer(services, voice, new DigitReceiver(101, key -> { }), G711.ALAW,
					() -> { }, () -> null);
			java.util.concurrent.CountDownLatch hashed = new java.util.concurrent.CountDownLatch(1);
			java.util.concurrent.CompletableFuture<String> verdict = new java.util.concurrent.CompletableFuture<>();
			announcer.slowly(() -> {
				try {
					hashed.await(10, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return "ACCEPTED";
			}, verdict::complete);
			java.util.concurrent.CompletableFuture<Void> anotherCallsKey = java.util.concurrent.CompletableFuture
				.runAsync(() -> { }, work);
			assertThat(anotherCallsKey.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("handled while the check waits")
				.isNull();
			assertThat(verdict).isNotDone();
			hashed.countDown();
			assertThat(verdict.get(5, java.util.concurrent.TimeUnit.SECONDS)).as("the verdict, as an event of the call")
				.isEqualTo("ACCEPTED");
		}
		finally {
			work.shutdownNow();
			slow.shutdownNow();
		}
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
		assertTheLimitEndsTheCallInOneMinute();
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
		assertTheLimitEndsTheCallInOneMinute();
	}

	/** A minute without a key from now: not a second earlier, the caller hears goodbye and is hung up on. */
	private void assertTheLimitEndsTheCallInOneMinute() {
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

	@Test
	void aStepThatFailsEndsTheCallWithAnApologyAndLogsNoDigitTyped(CapturedOutput output) {
		call.start(null);
		playToTheEnd();
		for (char key : "58203749#".toCharArray()) {
			call.key(key);
		}
		assertThat(playToTheEnd()).as("what the caller hears").isEqualTo(prompt("system_busy"));
		assertThat(hungUp).as("hung up after the apology").isTrue();
		assertThat(output.getAll()).contains("DataAccessResourceFailureException").doesNotContain("58203749");
		call.key('1');
		timers.advance(LIMIT.multipliedBy(2));
		assertThat(playToTheEnd()).as("nothing after the apology").isEmpty();
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
		return play(voice, bytes);
	}

	/**
	 * Plays {@code voice} as the pacer does, at most {@code bytes} (rounded up to a frame) of the clip playing now,
	 * and returns what was sent; the clip's end runs when it is played to its end.
	 */
	static byte[] play(Playback voice, int bytes) {
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
