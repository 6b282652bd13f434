package org.voxbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtmfTest {

	private static final int PT = 101;
	private static final int SSRC = 0x1234;

	/** Packets of one event as a sender would emit them: durations 160, 320, … then three end packets. */
	private static List<RtpPacket> event(char digit, int firstSequence, long timestamp) {
		List<RtpPacket> packets = new ArrayList<>();
		for (byte[] data : new DtmfSender(PT, 100, 10).packets(digit, firstSequence, timestamp, SSRC)) {
			packets.add(RtpPacket.parse(data, 0, data.length).orElseThrow());
		}
		return packets;
	}

	private static String receive(DtmfReceiver receiver, List<RtpPacket> packets) {
		StringBuilder digits = new StringBuilder();
		for (RtpPacket packet : packets) {
			receiver.receive(packet).ifPresent(digits::append);
		}
		return digits.toString();
	}

	@Test
	void parsesTheRfc4733PayloadLayout() {
		// RFC 4733 figure 1: event 5, E=1, volume 10, duration 800
		byte[] data = HexFormat.of().parseHex("80650001000000a00000123405 8a 0320".replace(" ", ""));
		TelephoneEvent event = TelephoneEvent.parse(RtpPacket.parse(data, 0, data.length).orElseThrow()).orElseThrow();
		assertThat(event).isEqualTo(new TelephoneEvent(5, true, 10, 800));
		assertThat(event.digit()).isEqualTo('5');
		byte[] written = new byte[4];
		event.writeTo(written, 0);
		assertThat(written).containsExactly(0x05, 0x8A, 0x03, 0x20);
	}

	@ParameterizedTest
	@CsvSource({"0,0", "9,9", "*,10", "#,11", "A,12", "D,15", "d,15"})
	void mapsKeysToEventCodes(char digit, int event) {
		assertThat(TelephoneEvent.eventOf(digit)).isEqualTo(event);
		assertThat(new TelephoneEvent(event, false, 0, 0).digit()).isEqualTo(Character.toUpperCase(digit));
	}

	@Test
	void rejectsNonDtmfEventsAndOutOfRangeValues() {
		byte[] flash = HexFormat.of().parseHex("806500010000000000001234" + "10000320");
		assertThat(TelephoneEvent.parse(RtpPacket.parse(flash, 0, flash.length).orElseThrow())).isEmpty();
		byte[] shortPayload = HexFormat.of().parseHex("806500010000000000001234" + "0500");
		assertThat(TelephoneEvent.parse(RtpPacket.parse(shortPayload, 0, shortPayload.length).orElseThrow())).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> TelephoneEvent.eventOf('E'))
				.withMessage("DTMF digit must be one of 0-9*#ABCD: E");
		assertThatIllegalArgumentException().isThrownBy(() -> new TelephoneEvent(16, false, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new TelephoneEvent(1, false, 64, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new TelephoneEvent(1, false, 0, 65536));
	}

	@Test
	void sendsMarkerFirstGrowingDurationsAndThreeEndPacketsUnderOneTimestamp() {
		List<RtpPacket> packets = event('7', 65534, 0xFFFF_FF00L);
		assertThat(packets).hasSize(7);
		assertThat(new DtmfSender(PT, 100, 10).packetCount()).isEqualTo(7);
		List<Integer> durations = new ArrayList<>();
		for (int i = 0; i < packets.size(); i++) {
			RtpPacket packet = packets.get(i);
			TelephoneEvent event = TelephoneEvent.parse(packet).orElseThrow();
			assertThat(packet.marker()).isEqualTo(i == 0);
			assertThat(packet.payloadType()).isEqualTo(PT);
			assertThat(packet.timestamp()).isEqualTo(0xFFFF_FF00L);
			assertThat(packet.sequenceNumber()).isEqualTo((65534 + i) & 0xFFFF);
			assertThat(event.digit()).isEqualTo('7');
			assertThat(event.volume()).isEqualTo(10);
			assertThat(event.end()).isEqualTo(i >= 4);
			durations.add(event.duration());
		}
		assertThat(durations).containsExactly(160, 320, 480, 640, 800, 800, 800);
	}

	@Test
	void refusesSenderSettingsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DtmfSender(PT, 50, 10))
				.withMessage("durationMillis must be a multiple of 20 from 40 to 8000: 50");
		assertThatIllegalArgumentException().isThrownBy(() -> new DtmfSender(128, 100, 10))
				.withMessage("payloadType must be 0-127: 128");
		assertThatIllegalArgumentException().isThrownBy(() -> new DtmfSender(PT, 100, 64))
				.withMessage("volume must be 0-63 (-dBm0): 64");
		assertThatIllegalArgumentException().isThrownBy(() -> new DtmfSender(PT, 100, 10).packets('x', 0, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new DtmfSender(PT, 100, 10).packets('1', 65536, 0, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new DtmfReceiver(-1));
	}

	@Test
	void reportsEachKeyOnceAcrossItsPackets() {
		DtmfReceiver receiver = new DtmfReceiver(PT);
		List<RtpPacket> packets = new ArrayList<>(event('1', 100, 8000));
		packets.addAll(event('2', 107, 9600));
		assertThat(receive(receiver, packets)).isEqualTo("12");
	}

	@Test
	void reportsTheSameKeyTwiceWhenPressedTwice() {
		DtmfReceiver receiver = new DtmfReceiver(PT);
		List<RtpPacket> packets = new ArrayList<>(event('1', 100, 8000));
		packets.addAll(event('1', 107, 9600));
		assertThat(receive(receiver, packets)).isEqualTo("11");
	}

	@Test
	void reportsAKeyWhoseStartPacketsWereLost() {
		DtmfReceiver receiver = new DtmfReceiver(PT);
		List<RtpPacket> packets = event('#', 100, 8000);
		assertThat(receive(receiver, packets.subList(4, 7))).isEqualTo("#");
	}

	@Test
	void reportsAKeyWhenOnlyOneEndPacketArrives() {
		DtmfReceiver receiver = new DtmfReceiver(PT);
		assertThat(receive(receiver, event('3', 1, 1000).subList(6, 7))).isEqualTo("3");
		assertThat(receive(receiver, event('3', 8, 2000).subList(6, 7))).isEqualTo("3");
	}

	@Test
	void ignoresRetransmittedAndReorderedPacketsOfAReportedKey() {
		DtmfReceiver receiver = new DtmfReceiver(PT);
		List<RtpPacket> first = event('4', 100, 8000);
		List<RtpPacket> second = event('5', 107, 9600);
		List<RtpPacket> arrival = new ArrayList<>();
		arrival.addAll(first.subList(1, 7));
		arrival.add(first.get(0));      // start arrives last
		arrival.add(second.get(0));
		arrival.add(first.get(6));      // end of the first key, after the second began
		arrival.addAll(second.subList(1, 7));
		arrival.addAll(second.subList(4, 7)); // duplicated end packets
		assertThat(receive(receiver, arrival)).isEqualTo("45");
	}

	@Test
	void reportsEveryKeyOfARandomlyShuffledAndThinnedSequenceInOrder() {
		Random random = new Random(4733);
		String keys = "0123456789*#ABCD11";
		for (int round = 0; round < 200; round++) {
			List<RtpPacket> arrival = new ArrayList<>();
			int sequence = random.nextInt(65536);
			long timestamp = random.nextInt() & 0xFFFF_FFFFL;
			for (char key : keys.toCharArray()) {
				List<RtpPacket> packets = new ArrayList<>(event(key, sequence, timestamp));
				Collections.shuffle(packets, random);        // reordered within the key
				packets.subList(0, random.nextInt(6)).clear(); // up to 5 of 7 packets lost
				arrival.addAll(packets);
				sequence = (sequence + 7) & 0xFFFF;
				timestamp = (timestamp + 1600) & 0xFFFF_FFFFL;
			}
			assertThat(receive(new DtmfReceiver(PT), arrival)).isEqualTo(keys);
		}
	}

	@Test
	void ignoresOtherPayloadTypesAndMalformedEvents() {
		DtmfReceiver receiver = new DtmfReceiver(PT);
		byte[] audio = new byte[172];
		RtpPacket.write(audio, 0, 0, true, 1, 8000, SSRC, new byte[160], 0, 160);
		assertThat(receiver.receive(RtpPacket.parse(audio, 0, audio.length).orElseThrow())).isEmpty();
		byte[] flash = HexFormat.of().parseHex("80e500010000000000001234" + "10000320");
		assertThat(receiver.receive(RtpPacket.parse(flash, 0, flash.length).orElseThrow())).isEmpty();
	}

	@Test
	void doesNotRepeatAKeyHeldBeyondTheLongestDuration() {
		DtmfReceiver receiver = new DtmfReceiver(PT);
		List<RtpPacket> packets = new ArrayList<>(event('9', 1, 1000).subList(0, 2));
		List<RtpPacket> continued = event('9', 3, 1000 + 0xFFFF);
		packets.add(continued.get(1));
		packets.addAll(continued.subList(4, 7));
		assertThat(receive(receiver, packets)).isEqualTo("9");
	}

	@Test
	void startsAfreshWhenTheSenderChangesSsrc() {
		DtmfReceiver receiver = new DtmfReceiver(PT);
		assertThat(receive(receiver, event('1', 100, 80_000))).isEqualTo("1");
		byte[] other = new byte[16];
		byte[] payload = {1, (byte) 0x8A, 0x03, 0x20};
		RtpPacket.write(other, 0, PT, true, 5, 1000, SSRC + 1, payload, 0, 4);
		assertThat(receiver.receive(RtpPacket.parse(other, 0, 16).orElseThrow())).contains('1');
	}

	@ParameterizedTest(name = "sipp capture {0} gives {1}")
	@CsvSource({"0,0", "1,1", "2,2", "3,3", "4,4", "5,5", "6,6", "7,7", "8,8", "9,9", "star,*", "pound,#"})
	void decodesTheKeysOfSippsSampleCaptures(String name, char key) throws IOException {
		Path capture = Pcap.SIPP_PCAPS.resolve("dtmf_2833_" + name + ".pcap");
		assumeTrue(Files.isReadable(capture), "sip-tester not installed");
		List<RtpPacket> packets = new ArrayList<>();
		for (byte[] datagram : Pcap.udpPayloads(capture)) {
			packets.add(RtpPacket.parse(datagram, 0, datagram.length).orElseThrow());
		}
		assertThat(packets).isNotEmpty();
		int payloadType = packets.get(0).payloadType();
		assertThat(receive(new DtmfReceiver(payloadType), packets)).isEqualTo(String.valueOf(key));
		List<RtpPacket> reversed = new ArrayList<>(packets);
		Collections.reverse(reversed);
		assertThat(receive(new DtmfReceiver(payloadType), reversed)).isEqualTo(String.valueOf(key));
	}
}
