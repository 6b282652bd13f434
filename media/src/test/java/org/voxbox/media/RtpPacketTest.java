package org.voxbox.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtpPacketTest {

	private static final HexFormat HEX = HexFormat.of();

	private static byte[] hex(String s) {
		return HEX.parseHex(s.replace(" ", ""));
	}

	private static RtpPacket parsed(byte[] data) {
		return RtpPacket.parse(data, 0, data.length).orElseThrow();
	}

	@Test
	void parsesTheFixedHeaderFields() {
		RtpPacket packet = parsed(hex("80 e0 ff fe  fe dc ba 98  89 ab cd ef  01 02 03"));
		assertThat(packet.payloadType()).isEqualTo(96);
		assertThat(packet.marker()).isTrue();
		assertThat(packet.sequenceNumber()).isEqualTo(65534);
		assertThat(packet.timestamp()).isEqualTo(0xFEDCBA98L);
		assertThat(packet.ssrc()).isEqualTo(0x89ABCDEF);
		assertThat(packet.payloadLength()).isEqualTo(3);
		assertThat(packet.payloadByte(2)).isEqualTo((byte) 3);
	}

	@Test
	void skipsCsrcsExtensionAndPadding() {
		// CC=2, X=1 with one extension word, P=1 with 3 padding bytes
		byte[] data = hex("b2 00 00 01  00 00 00 02  00 00 00 03  11111111 22222222"
				+ " bede 0001 aabbccdd  c0 c1  00 00 03");
		RtpPacket packet = parsed(data);
		assertThat(packet.payloadLength()).isEqualTo(2);
		assertThat(packet.payloadByte(0)).isEqualTo((byte) 0xC0);
		ByteBuffer payload = packet.payload();
		assertThat(payload.remaining()).isEqualTo(2);
		assertThat(payload.isReadOnly()).isTrue();
		assertThat(payload.get(1)).isEqualTo((byte) 0xC1);
	}

	@Test
	void acceptsAPacketWithNoPayloadAndPaddingOnly() {
		RtpPacket packet = parsed(hex("a0 00 00 01  00 00 00 02  00 00 00 03  00 00 00 04"));
		assertThat(packet.payloadLength()).isZero();
	}

	@Test
	void parsesOnlyTheGivenSliceOfALargerArray() {
		byte[] data = hex("ff ff 80 08 00 05 00 00 00 a0 00 00 00 07 d5 d5 ff ff");
		RtpPacket packet = RtpPacket.parse(data, 2, 14).orElseThrow();
		assertThat(packet.payloadType()).isEqualTo(8);
		assertThat(packet.sequenceNumber()).isEqualTo(5);
		assertThat(packet.timestamp()).isEqualTo(160);
		assertThat(packet.payloadLength()).isEqualTo(2);
	}

	@Test
	void parsesTheRemainingBytesOfHeapAndDirectBuffersWithoutMovingThem() {
		byte[] data = hex("80 00 00 09 00 00 01 40 00 00 00 01 7f 7f 7f");
		ByteBuffer heap = ByteBuffer.wrap(data);
		ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
		for (ByteBuffer buffer : new ByteBuffer[] {heap, direct}) {
			RtpPacket packet = RtpPacket.parse(buffer).orElseThrow();
			assertThat(packet.sequenceNumber()).isEqualTo(9);
			assertThat(packet.payloadLength()).isEqualTo(3);
			assertThat(buffer.position()).isZero();
		}
	}

	@Test
	void copyDetachesThePayloadFromTheReceiveBuffer() {
		byte[] data = hex("80 00 00 09 00 00 01 40 00 00 00 01 7f 7f 7f");
		RtpPacket view = parsed(data);
		RtpPacket copy = view.copy();
		data[12] = 0;
		assertThat(view.payloadByte(0)).isEqualTo((byte) 0);
		assertThat(copy.payloadByte(0)).isEqualTo((byte) 0x7F);
		assertThat(copy.sequenceNumber()).isEqualTo(9);
		assertThat(copy.toString()).contains("seq=9", "payload=3 bytes");
	}

	@ParameterizedTest(name = "rejects {0}")
	@ValueSource(strings = {
		"",
		"80 00 00 01 00 00 00 02 00 00 00",                         // 11 bytes
		"40 00 00 01 00 00 00 02 00 00 00 03",                      // version 1
		"c0 00 00 01 00 00 00 02 00 00 00 03",                      // version 3
		"00 00 00 01 00 00 00 02 00 00 00 03",                      // version 0
		"81 00 00 01 00 00 00 02 00 00 00 03",                      // CSRC count 1, no CSRC
		"8f 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04",          // CSRC count 15, one CSRC
		"90 00 00 01 00 00 00 02 00 00 00 03 be de",                // extension header cut short
		"90 00 00 01 00 00 00 02 00 00 00 03 be de 00 02 00 00 00 00", // extension longer than packet
		"90 00 00 01 00 00 00 02 00 00 00 03 be de ff ff",          // extension length 65535
		"a0 00 00 01 00 00 00 02 00 00 00 03 00 05",                // padding 5 > 2 bytes after header
		"a0 00 00 01 00 00 00 02 00 00 00 03 00 00",                // padding count 0
		"a0 00 00 01 00 00 00 02 00 00 00 ff",                      // padding eats the header
		"b0 00 00 01 00 00 00 02 00 00 00 03 be de 00 00 01 03",    // padding reaches into the extension
	})
	void rejectsMalformedPackets(String packet) {
		byte[] data = hex(packet);
		assertThat(RtpPacket.parse(data, 0, data.length)).isEmpty();
	}

	@Test
	void rejectsRangesOutsideTheArray() {
		byte[] data = hex("80 00 00 01 00 00 00 02 00 00 00 03 00");
		assertThat(RtpPacket.parse(data, 1, 13)).isEmpty();
		assertThat(RtpPacket.parse(data, -1, 12)).isEmpty();
		assertThat(RtpPacket.parse(data, 0, -5)).isEmpty();
		assertThat(RtpPacket.parse(data, Integer.MAX_VALUE, 12)).isEmpty();
		assertThat(RtpPacket.parse(data, 1, Integer.MAX_VALUE)).isEmpty();
		assertThat(RtpPacket.parse(data, 0, 13)).isPresent();
	}

	@Test
	void writesAPacketThatParsesBackToTheSameFields() {
		byte[] payload = {1, 2, 3, 4, 5};
		byte[] dst = new byte[40];
		int written = RtpPacket.write(dst, 3, 127, true, 65535, 0xFFFF_FFFFL, 0xCAFEBABE, payload, 1, 3);
		assertThat(written).isEqualTo(15);
		RtpPacket packet = RtpPacket.parse(dst, 3, written).orElseThrow();
		assertThat(packet.payloadType()).isEqualTo(127);
		assertThat(packet.marker()).isTrue();
		assertThat(packet.sequenceNumber()).isEqualTo(65535);
		assertThat(packet.timestamp()).isEqualTo(0xFFFF_FFFFL);
		assertThat(packet.ssrc()).isEqualTo(0xCAFEBABE);
		byte[] back = new byte[3];
		packet.copyPayload(back, 0);
		assertThat(back).containsExactly(2, 3, 4);
	}

	@Test
	void writesIntoAByteBufferAtItsPosition() {
		ByteBuffer direct = ByteBuffer.allocateDirect(200);
		direct.position(4);
		RtpPacket.write(direct, 0, false, 7, 320, 42, new byte[160], 0, 160);
		assertThat(direct.position()).isEqualTo(4 + 172);
		direct.flip().position(4);
		RtpPacket packet = RtpPacket.parse(direct).orElseThrow();
		assertThat(packet.payloadType()).isZero();
		assertThat(packet.marker()).isFalse();
		assertThat(packet.sequenceNumber()).isEqualTo(7);
		assertThat(packet.timestamp()).isEqualTo(320);
		assertThat(packet.ssrc()).isEqualTo(42);
		assertThat(packet.payloadLength()).isEqualTo(160);
	}

	@Test
	void refusesToWriteOutOfRangeFieldsOrPastTheBuffer() {
		byte[] payload = new byte[10];
		assertThatIllegalArgumentException()
				.isThrownBy(() -> RtpPacket.write(new byte[40], 0, 128, false, 0, 0, 0, payload, 0, 10))
				.withMessage("payloadType must be 0-127: 128");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> RtpPacket.write(new byte[40], 0, 0, false, 65536, 0, 0, payload, 0, 10))
				.withMessage("sequenceNumber must be 0-65535: 65536");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> RtpPacket.write(new byte[40], 0, 0, false, 0, -1, 0, payload, 0, 10))
				.withMessage("timestamp must be 0-4294967295: -1");
		assertThatIllegalArgumentException()
				.isThrownBy(() -> RtpPacket.write(new byte[21], 0, 0, false, 0, 0, 0, payload, 0, 10))
				.withMessageContaining("22 bytes does not fit");
		ByteBuffer small = ByteBuffer.allocate(21);
		assertThatIllegalArgumentException()
				.isThrownBy(() -> RtpPacket.write(small, 0, false, 0, 0, 0, payload, 0, 10));
		assertThat(small.position()).isZero();
	}

	@Test
	void survivesOneHundredThousandRandomPackets() {
		SplittableRandom random = new SplittableRandom(3550);
		int valid = 0;
		for (int i = 0; i < 100_000; i++) {
			byte[] data = new byte[random.nextInt(0, 80)];
			random.nextBytes(data);
			if (random.nextBoolean() && data.length > 0) {
				data[0] = (byte) (0x80 | (data[0] & 0x33)); // version 2, few CSRCs: gets past the first checks
			}
			boolean whole = random.nextBoolean();
			int offset = whole ? 0 : random.nextInt(-2, data.length + 2);
			int length = whole ? data.length : random.nextInt(-2, data.length + 3);
			Optional<RtpPacket> packet = RtpPacket.parse(data, offset, length);
			if (packet.isPresent()) {
				valid++;
				RtpPacket p = packet.get();
				assertThat(p.payloadLength()).isBetween(0, length - RtpPacket.HEADER_LENGTH);
				p.copy().payload();
			}
		}
		assertThat(valid).as("some random packets are valid, so the deeper checks ran").isGreaterThan(1000);
	}
}
