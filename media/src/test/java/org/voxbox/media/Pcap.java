package org.voxbox.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the UDP payloads of IPv4-over-Ethernet packets from a classic libpcap file (test use only). */
final class Pcap {

	/** Where Debian's sip-tester package installs the sipp sample captures. */
	static final Path SIPP_PCAPS = Path.of("/usr/share/sip-tester");

	private Pcap() {
	}

	static List<byte[]> udpPayloads(Path file) throws IOException {
		ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
		int magic = in.getInt(0);
		if (magic == 0xD4C3B2A1) {
			in.order(ByteOrder.LITTLE_ENDIAN);
		} else if (magic != 0xA1B2C3D4) {
			throw new IOException("not a classic pcap file: " + file);
		}
		if (in.getInt(20) != 1) {
			throw new IOException("not an Ethernet capture: " + file);
		}
		in.position(24);
		List<byte[]> payloads = new ArrayList<>();
		while (in.remaining() >= 16) {
			in.position(in.position() + 8);
			int captured = in.getInt();
			in.getInt();
			ByteBuffer frame = in.slice(in.position(), captured).order(ByteOrder.BIG_ENDIAN);
			in.position(in.position() + captured);
			if (frame.getShort(12) != 0x0800 || frame.get(23) != 17) {
				continue;
			}
			int udp = 14 + (frame.get(14) & 0x0F) * 4;
			int length = (frame.getShort(udp + 4) & 0xFFFF) - 8;
			byte[] payload = new byte[length];
			frame.get(udp + 8, payload);
			payloads.add(payload);
		}
		return payloads;
	}
}
