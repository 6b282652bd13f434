package org.voxbox.telephony;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which datagrams a call hears, and where its audio goes: {@link RtpLatch} against strangers and NATs. */
class RtpLatchTest {

	private static final InetSocketAddress OFFERED = address("192.0.2.10", 4000);

	private static final InetSocketAddress BEHIND_NAT = address("192.0.2.10", 61000);

	private static final InetSocketAddress STRANGER = address("198.51.100.7", 4000);

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final RtpLatch latch = new RtpLatch(OFFERED, now::get);

	@Test
	void sendsToTheOfferedAddressUntilTheCallerSpeaks() {
		assertThat(latch.destination()).isEqualTo(OFFERED);
		assertThat(latch.accept(rtp(1), BEHIND_NAT)).isTrue();
		assertThat(latch.destination()).as("symmetric RTP through the caller's NAT").isEqualTo(BEHIND_NAT);
	}

	@Test
	void aStrangerIsNeverHeardNorSentTo() {
		assertThat(latch.accept(rtp(9), STRANGER)).as("a stranger first").isFalse();
		assertThat(latch.destination()).isEqualTo(OFFERED);
		assertThat(latch.accept(rtp(1), OFFERED)).isTrue();
		now.addAndGet(TimeUnit.SECONDS.toNanos(30));
		assertThat(latch.accept(rtp(9), STRANGER)).as("a stranger after the caller fell silent").isFalse();
		assertThat(latch.destination()).isEqualTo(OFFERED);
	}

	@Test
	void aSecondSourceAtTheCallersAddressIsRefusedWhileTheCallerSends() {
		latch.accept(rtp(1), OFFERED);
		now.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
		assertThat(latch.accept(rtp(2), BEHIND_NAT)).as("new SSRC, but the caller still sends").isFalse();
		now.addAndGet(RtpLatch.RELATCH_SILENCE * 2);
		assertThat(latch.accept(rtp(1), BEHIND_NAT)).as("after silence, but the caller's own SSRC replayed").isFalse();
		assertThat(latch.accept(rtp(2), BEHIND_NAT)).as("after silence, with a new SSRC").isTrue();
		assertThat(latch.destination()).isEqualTo(BEHIND_NAT);
		assertThat(latch.accept(rtp(1), OFFERED)).as("the old source is now the other one").isFalse();
	}

	@Test
	void theLatchedSourceMayRestartItsStream() {
		latch.accept(rtp(1), OFFERED);
		assertThat(latch.accept(rtp(5), OFFERED)).isTrue();
	}

	@Test
	void onlyWhatItAcceptsReachesTheCallAndCountsAsLife() {
		List<InetSocketAddress> heard = new ArrayList<>();
		MediaLoop.Sink sink = latch.guard((data, from) -> heard.add(from));
		long start = latch.lastPacketNanos();
		now.addAndGet(1000);
		sink.datagram(rtp(9), STRANGER);
		sink.datagram(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), OFFERED);
		sink.datagram(ByteBuffer.wrap(new byte[20]), OFFERED); // RTP version 0
		assertThat(heard).isEmpty();
		assertThat(latch.lastPacketNanos()).as("the RTP timeout is not fed by strangers").isEqualTo(start);
		sink.datagram(rtp(1), OFFERED);
		assertThat(heard).containsExactly(OFFERED);
		assertThat(latch.lastPacketNanos()).isEqualTo(start + 1000);
	}

	@Test
	void aReInviteMovesTheMedia() {
		latch.accept(rtp(1), OFFERED);
		InetSocketAddress moved = address("192.0.2.20", 5000);
		latch.expect(moved);
		assertThat(latch.destination()).isEqualTo(moved);
		assertThat(latch.accept(rtp(1), OFFERED)).as("the old address").isFalse();
		assertThat(latch.accept(rtp(3), moved)).isTrue();
		latch.expect(moved);
		assertThat(latch.destination()).as("an unchanged offer keeps the latch").isEqualTo(moved);
	}

	@Test
	void anUntrustedPeersSdpCannotAimAudioElsewhere() throws Exception {
		Sdp.Offer offer = new Sdp.Offer("198.51.100.7", 4000, List.of(0), 101, "sendrecv");
		InetAddress source = InetAddress.getByName("192.0.2.10");
		assertThat(RtpLatch.mediaAddress(offer, source, false)).isEqualTo(address("192.0.2.10", 4000));
		assertThat(RtpLatch.mediaAddress(offer, source, true)).as("a trusted SBC").isEqualTo(STRANGER);
		Sdp.Offer unspecified = new Sdp.Offer("0.0.0.0", 4000, List.of(0), 101, "sendrecv");
		assertThat(RtpLatch.mediaAddress(unspecified, source, true)).isEqualTo(address("192.0.2.10", 4000));
	}

	private static ByteBuffer rtp(int ssrc) {
		ByteBuffer packet = ByteBuffer.allocate(172);
		packet.put((byte) 0x80).put((byte) 0).putShort((short) 1).putInt(160).putInt(ssrc);
		return packet.clear();
	}

	private static InetSocketAddress address(String host, int port) {
		return new InetSocketAddress(host, port);
	}
}
