package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.voxbox.media.G711;
import org.voxbox.media.RtpPacket;

import static org.assertj.core.api.Assertions.assertThat;

/** What a recording keeps of a caller's RTP: payload in order, and lost packets as the right amount of silence. */
class RecordingTest {

	private static final InetSocketAddress CALLER = new InetSocketAddress("127.0.0.1", 40000);

	@Test
	void lostPacketsOfThirtyMillisecondsAreFilledWithThirtyMillisecondsOfSilenceEach() {
		Recording recording = new Recording(G711.ULAW, null, 60_000, 0, () -> { }, () -> { });
		recording.arm();
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		for (int n = 0; n < 20; n++) {
			byte[] payload = new byte[240]; // 30 ms packets, although Voxbox answered ptime 20
			Arrays.fill(payload, (byte) (n + 1));
			if (n == 7 || n == 8) {
				payload = new byte[240];
				Arrays.fill(payload, G711.ULAW.silence()); // lost: what the recording should put in their place
			}
			else {
				recording.datagram(packet(G711.ULAW, n, 240L * n, payload), CALLER);
			}
			expected.writeBytes(payload);
		}
		assertThat(recording.finish()).isEqualTo(expected.toByteArray());
	}

	@Test
	void reorderedAndDuplicatedPacketsAreKeptOnceInOrder() {
		Recording recording = new Recording(G711.ALAW, null, 60_000, 0, () -> { }, () -> { });
		recording.arm();
		int[] arrival = { 0, 2, 1, 3, 3, 5, 4, 6 };
		for (int n : arrival) {
			byte[] payload = new byte[160];
			Arrays.fill(payload, (byte) (n + 1));
			recording.datagram(packet(G711.ALAW, n, 160L * n, payload), CALLER);
		}
		byte[] kept = recording.finish();
		assertThat(kept).hasSize(7 * 160);
		for (int n = 0; n < 7; n++) {
			assertThat(kept[n * 160]).isEqualTo((byte) (n + 1));
		}
	}

	private static ByteBuffer packet(G711 law, int sequence, long timestamp, byte[] payload) {
		byte[] bytes = new byte[12 + payload.length];
		int length = RtpPacket.write(bytes, 0, law.payloadType(), false, 1000 + sequence, 8000 + timestamp, 0x1234, payload, 0,
				payload.length);
		return ByteBuffer.wrap(bytes, 0, length);
	}
}
