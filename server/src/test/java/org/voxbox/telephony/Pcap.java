package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the RTP payloads of one payload type out of a libpcap file (Ethernet, IPv4, UDP), in capture order. */
final class Pcap {

	private Pcap() {
	}

	static byte[] rtpPayloads(Path file, int payloadType) throws IOException {
		ByteBuffer pcap = ByteBuffer.wrap(Files.readAllBytes(file));
		int magic = pcap.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
		if (magic != 0xa1b2c3d4) {
			pcap.order(ByteOrder.BIG_ENDIAN);
		}
		if (pcap.getInt(20) != 1) {
			throw new IllegalArgumentException("only Ethernet captures are read: " + file);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int offset = 24;
		while (offset + 16 <= pcap.limit()) {
			int captured = pcap.getInt(offset + 8);
			int packet = offset + 16;
			int ip = packet + 14;
			int udp = ip + (pcap.get(ip) & 0x0f) * 4;
			int rtp = udp + 8;
			int end = packet + captured;
			if ((pcap.get(rtp + 1) & 0x7f) == payloadType) {
				int header = 12 + 4 * (pcap.get(rtp) & 0x0f);
				out.write(pcap.array(), rtp + header, end - rtp - header);
			}
			offset = end;
		}
		return out.toByteArray();
	}
}
