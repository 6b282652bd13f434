package org.voxbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Runs the receive path over the A-law audio that sipp plays in its samples (needs the sip-tester package). */
class SippCaptureTest {

	private static List<RtpPacket> capturedPackets() throws IOException {
		Path capture = Pcap.SIPP_PCAPS.resolve("g711a.pcap");
		assumeTrue(Files.isReadable(capture), "sip-tester not installed");
		List<RtpPacket> packets = new ArrayList<>();
		for (byte[] datagram : Pcap.udpPayloads(capture)) {
			packets.add(RtpPacket.parse(datagram, 0, datagram.length).orElseThrow());
		}
		return packets;
	}

	@Test
	void recordsTheCapturedAlawStreamIntoAWavThatReadsBackIdentically() throws IOException {
		List<RtpPacket> packets = capturedPackets();
		assertThat(packets).hasSizeGreaterThan(100).allSatisfy(p -> assertThat(p.payloadType()).isEqualTo(8));
		List<RtpPacket> arrival = new ArrayList<>(packets);
		Random random = new Random(8);
		for (int i = 3; i + 2 < arrival.size(); i += 3) { // the first packet starts the stream, so it stays first
			if (random.nextBoolean()) {
				Collections.swap(arrival, i, i + 2);
			}
		}
		JitterBuffer buffer = new JitterBuffer(4);
		SilenceDetector detector = new SilenceDetector(G711.ALAW);
		java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
		int loudFrames = 0;
		for (RtpPacket packet : arrival) {
			buffer.offer(packet);
			for (JitterBuffer.Frame frame; (frame = buffer.poll()) != null;) {
				assertThat(frame.lostBefore()).isZero();
				byte[] payload = new byte[frame.packet().payloadLength()];
				frame.packet().copyPayload(payload, 0);
				audio.writeBytes(payload);
				if (!detector.offer(payload)) {
					loudFrames++;
				}
			}
		}
		java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
		for (RtpPacket packet : packets) {
			byte[] payload = new byte[packet.payloadLength()];
			packet.copyPayload(payload, 0);
			expected.writeBytes(payload);
		}
		assertThat(java.util.Arrays.equals(audio.toByteArray(), expected.toByteArray())).as("audio in order, complete").isTrue();
		assertThat(loudFrames).as("the capture holds speech").isGreaterThan(packets.size() / 4);
		Wav wav = Wav.parse(Wav.of(Wav.Encoding.ALAW, audio.toByteArray()).toBytes());
		byte[] stored = new byte[wav.audio().remaining()];
		wav.audio().get(stored);
		assertThat(java.util.Arrays.equals(stored, expected.toByteArray())).as("WAV holds the payload bit-exact").isTrue();
	}
}
