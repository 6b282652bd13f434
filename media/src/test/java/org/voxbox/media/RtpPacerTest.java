package org.voxbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RtpPacerTest {

	private static final long MS = 1_000_000L;
	private static final long START = 5_000 * MS;

	/** A stream that sends {@code frames} frames whose first payload byte is the frame number, and keeps what it sent. */
	private static final class RecordingStream implements RtpPacer.Stream {
		final List<RtpPacket> sent = new ArrayList<>();
		final List<Long> sentAt = new ArrayList<>();
		private final AtomicLong clock;
		private final int frames;
		private int supplied;

		RecordingStream(AtomicLong clock, int frames) {
			this.clock = clock;
			this.frames = frames;
		}

		@Override
		public int nextFrame(byte[] frame) {
			if (supplied == frames) {
				return -1;
			}
			Arrays.fill(frame, 0, 160, (byte) supplied++);
			return 160;
		}

		@Override
		public void send(ByteBuffer packet) {
			byte[] copy = new byte[packet.remaining()];
			packet.get(copy);
			sent.add(RtpPacket.parse(copy, 0, copy.length).orElseThrow());
			sentAt.add(clock.get());
		}
	}

	@Test
	void sendsFiveHundredFramesOnScheduleWithoutDrift() {
		AtomicLong clock = new AtomicLong(START);
		RtpPacer pacer = new RtpPacer(clock::get);
		RecordingStream stream = new RecordingStream(clock, 500);
		pacer.register(stream, 0, 0xABCD, 65500, 0xFFFF_FF00L);
		java.util.Random random = new java.util.Random(20);
		while (stream.sent.size() < 500 && clock.get() < START + 20_000 * MS) {
			clock.addAndGet(random.nextInt(1, 7) * MS); // the pacer wakes at uneven times
			pacer.tick();
		}
		assertThat(stream.sent).hasSize(500);
		for (int n = 0; n < 500; n++) {
			RtpPacket packet = stream.sent.get(n);
			assertThat(packet.sequenceNumber()).isEqualTo((65500 + n) & 0xFFFF);
			assertThat(packet.timestamp()).isEqualTo((0xFFFF_FF00L + 160L * n) & 0xFFFF_FFFFL);
			assertThat(packet.marker()).isEqualTo(n == 0);
			assertThat(packet.payloadType()).isZero();
			assertThat(packet.ssrc()).isEqualTo(0xABCD);
			assertThat(packet.payloadLength()).isEqualTo(160);
			assertThat(packet.payloadByte(0)).isEqualTo((byte) n);
		}
		long first = stream.sentAt.get(0);
		for (int n = 0; n < 500; n++) {
			long offset = stream.sentAt.get(n) - first - n * RtpPacer.FRAME_NANOS;
			assertThat(offset).as("frame %d relative to its slot", n).isBetween(-RtpPacer.FRAME_NANOS, 7 * MS);
		}
		clock.addAndGet(RtpPacer.FRAME_NANOS);
		pacer.tick();
		assertThat(pacer.streamCount()).as("the stream ended after 500 frames").isZero();
	}

	@Test
	void neverSendsAFrameEarly() {
		AtomicLong clock = new AtomicLong(START);
		RtpPacer pacer = new RtpPacer(clock::get);
		RecordingStream stream = new RecordingStream(clock, 1000);
		pacer.register(stream, 8, 1, 0, 0);
		for (int i = 0; i < 1000; i++) {
			clock.addAndGet(MS);
			pacer.tick();
		}
		assertThat(stream.sent).as("ticks at 0, 20, ... 1000 ms").hasSize(51);
		assertThat(stream.sentAt.get(0)).as("picked up at the first tick after registering").isEqualTo(START + MS);
		for (int n = 1; n < 51; n++) {
			assertThat(stream.sentAt.get(n)).as("frame %d", n).isEqualTo(START + n * RtpPacer.FRAME_NANOS);
		}
	}

	@Test
	void catchesUpAShortStallAndReschedulesALongOne() {
		AtomicLong clock = new AtomicLong(START);
		RtpPacer pacer = new RtpPacer(clock::get);
		RecordingStream stream = new RecordingStream(clock, 1000);
		pacer.register(stream, 0, 1, 0, 0);
		pacer.tick();
		assertThat(stream.sent).hasSize(1);
		clock.addAndGet(60 * MS);
		pacer.tick();
		assertThat(stream.sent).as("three frames due during a 60 ms pause go out together").hasSize(4);
		clock.addAndGet(1000 * MS);
		pacer.tick();
		assertThat(stream.sent).as("after a second's pause the stream restarts instead of bursting").hasSize(5);
		clock.addAndGet(20 * MS);
		pacer.tick();
		assertThat(stream.sent).hasSize(6);
		assertThat(stream.sent.get(5).timestamp()).as("audio stays contiguous").isEqualTo(5 * 160);
	}

	@Test
	void sendsManyStreamsOnTheSameTicksAndStopsCancelledOnes() {
		AtomicLong clock = new AtomicLong(START);
		RtpPacer pacer = new RtpPacer(clock::get);
		List<RecordingStream> streams = new ArrayList<>();
		List<RtpPacer.Registration> registrations = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			RecordingStream stream = new RecordingStream(clock, 10_000);
			streams.add(stream);
			registrations.add(pacer.register(stream, 0, i, i, i));
		}
		for (int t = 0; t < 10; t++) {
			pacer.tick();
			clock.addAndGet(20 * MS);
		}
		assertThat(pacer.streamCount()).isEqualTo(500);
		for (int i = 0; i < 500; i += 2) {
			registrations.get(i).cancel();
			registrations.get(i).cancel();
		}
		for (int t = 0; t < 10; t++) {
			pacer.tick();
			clock.addAndGet(20 * MS);
		}
		assertThat(pacer.streamCount()).isEqualTo(250);
		for (int i = 0; i < 500; i++) {
			assertThat(streams.get(i).sent).as("stream %d", i).hasSize(i % 2 == 0 ? 10 : 20);
		}
		assertThat(pacer.lateness().packets()).isEqualTo(250 * 10 + 250 * 20);
	}

	@Test
	void leavesOutEmptyFramesButAdvancesTheTimestampAndMarksTheNextPacket() {
		AtomicLong clock = new AtomicLong(START);
		RtpPacer pacer = new RtpPacer(clock::get);
		List<RtpPacket> sent = new ArrayList<>();
		int[] frameNumber = {0};
		pacer.register(new RtpPacer.Stream() {
			@Override
			public int nextFrame(byte[] frame) {
				int n = frameNumber[0]++;
				return n == 2 || n == 3 ? 0 : 160;
			}

			@Override
			public void send(ByteBuffer packet) {
				byte[] copy = new byte[packet.remaining()];
				packet.get(copy);
				sent.add(RtpPacket.parse(copy, 0, copy.length).orElseThrow());
			}
		}, 0, 1, 100, 1000);
		for (int t = 0; t < 6; t++) {
			pacer.tick();
			clock.addAndGet(20 * MS);
		}
		assertThat(sent).extracting(RtpPacket::sequenceNumber).containsExactly(100, 101, 102, 103);
		assertThat(sent).extracting(RtpPacket::timestamp).containsExactly(1000L, 1160L, 1640L, 1800L);
		assertThat(sent).extracting(RtpPacket::marker).containsExactly(true, false, true, false);
	}

	@Test
	void stopsAStreamThatThrowsAndKeepsTheOthersGoing() {
		AtomicLong clock = new AtomicLong(START);
		RtpPacer pacer = new RtpPacer(clock::get);
		RecordingStream healthy = new RecordingStream(clock, 100);
		pacer.register(new RtpPacer.Stream() {
			@Override
			public int nextFrame(byte[] frame) {
				throw new IllegalStateException("boom (expected by the test)");
			}

			@Override
			public void send(ByteBuffer packet) {
			}
		}, 0, 1, 0, 0);
		pacer.register(healthy, 0, 2, 0, 0);
		pacer.tick();
		clock.addAndGet(20 * MS);
		pacer.tick();
		assertThat(healthy.sent).hasSize(2);
		assertThat(pacer.streamCount()).isEqualTo(1);
	}

	@Test
	void reportsLatenessPercentiles() {
		AtomicLong clock = new AtomicLong(START);
		RtpPacer pacer = new RtpPacer(clock::get);
		assertThat(pacer.lateness()).isEqualTo(new RtpPacer.Lateness(0, 0, 0, 0));
		pacer.register(new RecordingStream(clock, 100), 0, 1, 0, 0);
		for (int t = 1; t <= 100; t++) {
			pacer.tick();
			clock.set(START + t * 20 * MS + (t % 100 == 99 ? 15 : 2) * MS);
		}
		RtpPacer.Lateness lateness = pacer.lateness();
		assertThat(lateness.packets()).isEqualTo(100);
		assertThat(lateness.p50Millis()).isEqualTo(2.0);
		assertThat(lateness.p99Millis()).isEqualTo(2.0);
		assertThat(lateness.maxMillis()).isEqualTo(15.0);
	}

	@Test
	void refusesOutOfRangeStreamSettings() {
		RtpPacer pacer = new RtpPacer(() -> 0L);
		RecordingStream stream = new RecordingStream(new AtomicLong(), 1);
		assertThatIllegalArgumentException().isThrownBy(() -> pacer.register(stream, 128, 0, 0, 0))
				.withMessage("payloadType must be 0-127: 128");
		assertThatIllegalArgumentException().isThrownBy(() -> pacer.register(stream, 0, 0, 70000, 0))
				.withMessage("firstSequenceNumber must be 0-65535: 70000");
		assertThatIllegalArgumentException().isThrownBy(() -> pacer.register(stream, 0, 0, 0, 1L << 32))
				.withMessage("firstTimestamp must be 0-4294967295: 4294967296");
	}

	@Test
	void pacesRealTimeOnItsOwnThread() throws InterruptedException {
		AtomicLong wallClock = new AtomicLong();
		CountDownLatch done = new CountDownLatch(1);
		List<Long> sentAt = new ArrayList<>();
		List<RtpPacket> sent = new ArrayList<>();
		try (RtpPacer pacer = new RtpPacer()) {
			pacer.start();
			assertThatIllegalStateException().isThrownBy(pacer::start);
			Thread registrar = new Thread(() -> pacer.register(new RtpPacer.Stream() {
				int n;

				@Override
				public int nextFrame(byte[] frame) {
					return n++ < 50 ? 160 : -1;
				}

				@Override
				public void send(ByteBuffer packet) {
					sentAt.add(System.nanoTime());
					byte[] copy = new byte[packet.remaining()];
					packet.get(copy);
					sent.add(RtpPacket.parse(copy, 0, copy.length).orElseThrow());
					if (sent.size() == 50) {
						done.countDown();
					}
				}
			}, 0, 9, 0, 0));
			registrar.start();
			registrar.join();
			assertThat(done.await(30, TimeUnit.SECONDS)).as("50 frames within 30 s").isTrue();
			wallClock.set(sentAt.get(49) - sentAt.get(0));
		}
		assertThat(sent).extracting(RtpPacket::sequenceNumber).containsExactlyElementsOf(
				java.util.stream.IntStream.range(0, 50).boxed().toList());
		// 49 intervals of 20 ms: never faster than the schedule (so never drifting ahead)
		assertThat(wallClock.get()).isGreaterThanOrEqualTo(48 * RtpPacer.FRAME_NANOS);
	}
}
