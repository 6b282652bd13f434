package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.voxbox.media.DtmfSender;

/**
 * Test tooling: a libpcap capture of RFC 4733 key presses (one SSRC, continuous sequence numbers, 20 ms
 * apart, a gap between keys, {@code ,} for a two-second pause) that sipp's {@code play_pcap_audio} replays; sipp rewrites only IP and UDP.
 */
final class DtmfPcap {

	private DtmfPcap() {
	}

	static byte[] keys(String keys, int payloadType) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
		header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
		out.writeBytes(header.array());
		DtmfSender sender = new DtmfSender(payloadType, 100, 10);
		int ssrc = 0x5eed1234;
		int sequence = 1000;
		long timestamp = 160_000;
		long micros = 0;
		for (char key : keys.toCharArray()) {
			if (key == ',') {
				micros += 2_000_000; // a comma is a two-second pause, as on a phone's dial string
				continue;
			}
			List<byte[]> packets = sender.packets(key, sequence, timestamp, ssrc);
			for (byte[] rtp : packets) {
				record(out, rtp, micros);
				micros += 20_000;
			}
			sequence += packets.size();
			timestamp += 160L * (packets.size() + 10);
			micros += 200_000; // the gap between two key presses
		}
		return out.toByteArray();
	}

	/** A capture of G.711 audio: {@code audio} in 20 ms RTP packets of {@code payloadType}, 20 ms apart. */
	static byte[] audio(byte[] audio, int payloadType) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
		header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
		out.writeBytes(header.array());
		byte[] packet = new byte[12 + 160];
		for (int i = 0, n = 0; i < audio.length; i += 160, n++) {
			int length = Math.min(160, audio.length - i);
			int size = org.voxbox.media.RtpPacket.write(packet, 0, payloadType, n == 0, 3000 + n, 480_000L + 160L * n,
					0x51e7, audio, i, length);
			record(out, java.util.Arrays.copyOf(packet, size), 20_000L * n);
		}
		return out.toByteArray();
	}

	private static void record(ByteArrayOutputStream out, byte[] rtp, long micros) {
		int udpLength = 8 + rtp.length;
		int ipLength = 20 + udpLength;
		ByteBuffer frame = ByteBuffer.allocate(14 + ipLength).order(ByteOrder.BIG_ENDIAN);
		frame.put(new byte[12]).putShort((short) 0x0800);
		frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0)
			.put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] { 127, 0, 0, 1 }).put(new byte[] { 127, 0, 0, 1 });
		frame.putShort((short) 40000).putShort((short) 40002).putShort((short) udpLength).putShort((short) 0);
		frame.put(rtp);
		ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
		record.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frame.capacity())
			.putInt(frame.capacity());
		out.writeBytes(record.array());
		out.writeBytes(frame.array());
	}
}
