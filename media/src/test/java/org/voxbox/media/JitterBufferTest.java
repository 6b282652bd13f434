package org.voxbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

	private static RtpPacket packet(int sequence) {
		byte[] data = new byte[13];
		RtpPacket.write(data, 0, 0, false, sequence & 0xFFFF, 160L * sequence & 0xFFFF_FFFFL, 7, new byte[] {(byte) sequence}, 0, 1);
		return RtpPacket.parse(data, 0, data.length).orElseThrow();
	}

	/** Offers the sequence numbers in order, polling after each, and describes what came out: "seq" or "-lost+seq". */
	private static List<String> run(JitterBuffer buffer, int... sequences) {
		List<String> out = new ArrayList<>();
		for (int sequence : sequences) {
			buffer.offer(packet(sequence));
			drainPolls(buffer, out);
		}
		return out;
	}

	private static void drainPolls(JitterBuffer buffer, List<String> out) {
		for (JitterBuffer.Frame frame; (frame = buffer.poll()) != null;) {
			String seq = String.valueOf(frame.packet().sequenceNumber());
			out.add(frame.lostBefore() == 0 ? seq : "-" + frame.lostBefore() + "+" + seq);
		}
	}

	@Test
	void releasesInOrderPacketsImmediately() {
		JitterBuffer buffer = new JitterBuffer(4);
		assertThat(run(buffer, 10, 11, 12, 13, 14)).containsExactly("10", "11", "12", "13", "14");
		assertThat(buffer.size()).isZero();
	}

	@Test
	void putsPacketsReorderedByOneToThreeBackInOrder() {
		assertThat(run(new JitterBuffer(4), 1, 3, 2, 4, 7, 5, 6, 8, 12, 9, 10, 11, 13))
				.containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13");
	}

	@Test
	void startsTheStreamAtTheFirstPacketOfferedAndDropsItsPredecessors() {
		JitterBuffer buffer = new JitterBuffer(4);
		assertThat(run(buffer, 101, 100, 102)).containsExactly("101", "102");
		assertThat(buffer.dropped()).isEqualTo(1);
	}

	@Test
	void dropsDuplicatesAndPacketsOlderThanWhatWasReleased() {
		JitterBuffer buffer = new JitterBuffer(4);
		assertThat(run(buffer, 1, 2, 2, 3, 1, 3, 5, 5, 4)).containsExactly("1", "2", "3", "4", "5");
		assertThat(buffer.dropped()).isEqualTo(4);
		assertThat(buffer.offer(packet(2))).isFalse();
	}

	@Test
	void givesUpAGapOnceTheBufferIsFullAndReportsTheLostFrames() {
		JitterBuffer buffer = new JitterBuffer(4);
		assertThat(run(buffer, 1, 2, 5, 6, 7)).containsExactly("1", "2");
		assertThat(run(buffer, 8)).containsExactly("-2+5", "6", "7", "8");
		assertThat(buffer.offer(packet(3))).as("too late now").isFalse();
	}

	@Test
	void reportsSingleLossesInAPeriodicallyLossyStream() {
		List<Integer> sequences = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			if (i % 10 != 5) {
				sequences.add(i);
			}
		}
		List<String> out = run(new JitterBuffer(4), sequences.stream().mapToInt(Integer::intValue).toArray());
		assertThat(out).hasSize(90).contains("-1+6", "-1+16", "-1+96");
		assertThat(out.stream().filter(s -> s.startsWith("-"))).hasSize(10);
	}

	@Test
	void followsSequenceNumbersAcrossTheWrapAt65535() {
		assertThat(run(new JitterBuffer(4), 65533, 65535, 65534, 1, 0, 2))
				.containsExactly("65533", "65534", "65535", "0", "1", "2");
		JitterBuffer buffer = new JitterBuffer(3);
		assertThat(run(buffer, 65534, 1, 2, 3)).containsExactly("65534", "-2+1", "2", "3");
	}

	@Test
	void survivesABurstOfLossLongerThanItsCapacity() {
		JitterBuffer buffer = new JitterBuffer(4);
		List<String> out = run(buffer, 1, 2, 3, 40, 41, 42, 43, 44);
		assertThat(out).containsExactly("1", "2", "3", "-36+40", "41", "42", "43", "44");
	}

	@Test
	void holdsAtMostCapacityPacketsBehindAGap() {
		JitterBuffer buffer = new JitterBuffer(4);
		run(buffer, 1);
		assertThat(run(buffer, 3, 4, 5)).isEmpty();
		assertThat(buffer.size()).isEqualTo(3);
		assertThat(run(buffer, 6)).containsExactly("-1+3", "4", "5", "6");
	}

	@Test
	void drainsWhatIsLeftAtTheEndOfTheCall() {
		JitterBuffer buffer = new JitterBuffer(4);
		assertThat(run(buffer, 1, 3, 5)).containsExactly("1");
		List<String> out = new ArrayList<>();
		for (JitterBuffer.Frame frame; (frame = buffer.drain()) != null;) {
			out.add(frame.lostBefore() + "+" + frame.packet().sequenceNumber());
		}
		assertThat(out).containsExactly("1+3", "1+5");
	}

	@Test
	void followsASenderThatRenumbersAfterTwoConsecutivePackets() {
		JitterBuffer buffer = new JitterBuffer(4);
		assertThat(run(buffer, 100, 101, 102, 30000, 30001, 30002, 30003, 30004, 30005))
				.containsExactly("100", "101", "102", "-1+30001", "30002", "30003", "30004", "30005");
	}

	@Test
	void ignoresAStrayPacketFarFromTheStream() {
		JitterBuffer buffer = new JitterBuffer(4);
		assertThat(run(buffer, 100, 101, 40000, 102, 103)).containsExactly("100", "101", "102", "103");
		assertThat(buffer.dropped()).isEqualTo(1);
	}

	@Test
	void refusesWhenFullIfTheCallerDoesNotPoll() {
		JitterBuffer buffer = new JitterBuffer(2);
		assertThat(buffer.offer(packet(1))).isTrue();
		assertThat(buffer.offer(packet(2))).isTrue();
		assertThat(buffer.offer(packet(3))).isFalse();
	}

	@Test
	void keepsTheTimelineOfARandomlyReorderedAndLossyStream() {
		Random random = new Random(3550);
		for (int round = 0; round < 100; round++) {
			int start = random.nextInt(65536);
			int count = 2000;
			List<Integer> arrival = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				if (random.nextInt(20) != 0) {
					arrival.add(i);
				}
			}
			for (int i = 0; i + 1 < arrival.size(); i++) { // swap neighbours: reordering by one or more
				if (random.nextInt(5) == 0) {
					arrival.set(i, arrival.set(i + 1, arrival.get(i)));
				}
			}
			JitterBuffer buffer = new JitterBuffer(4);
			long position = -1;
			long lastReleased = -1;
			int released = 0;
			for (int i : arrival) {
				buffer.offer(packet(start + i));
				for (JitterBuffer.Frame frame; (frame = buffer.poll()) != null;) {
					int offset = (frame.packet().sequenceNumber() - start) & 0xFFFF;
					if (position >= 0) {
						assertThat(offset).isEqualTo(position + 1 + frame.lostBefore());
					}
					assertThat(offset).isGreaterThan((int) lastReleased);
					position = offset;
					lastReleased = offset;
					released++;
				}
			}
			assertThat(released).isGreaterThan(arrival.size() * 9 / 10);
		}
	}

	@Test
	void refusesAnAbsurdCapacity() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JitterBuffer(0))
				.withMessage("capacity must be 1-64 packets: 0");
	}
}
