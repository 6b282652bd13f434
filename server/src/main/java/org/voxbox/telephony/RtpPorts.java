package org.voxbox.telephony;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out UDP sockets for RTP from the configured port range (even ports, as RTP prefers). Thread-safe. */
final class RtpPorts {

	private final String address;

	private final int min;

	private final int count;

	private final AtomicInteger cursor = new AtomicInteger();

	RtpPorts(String address, int min, int max) {
		this.address = address;
		this.min = min % 2 == 0 ? min : min + 1;
		this.count = Math.max(1, (max - this.min) / 2 + 1);
	}

	/** A channel bound to a free port of the range, with room for bursts in its receive buffer. */
	DatagramChannel open() throws IOException {
		for (int attempt = 0; attempt < count; attempt++) {
			int port = min + 2 * Math.floorMod(cursor.getAndIncrement(), count);
			DatagramChannel channel = DatagramChannel.open();
			try {
				channel.setOption(StandardSocketOptions.SO_RCVBUF, 256 * 1024);
				channel.bind(new InetSocketAddress(address, port));
				return channel;
			}
			catch (IOException inUse) {
				channel.close();
			}
		}
		throw new IOException("no free RTP port in " + min + "–" + (min + 2 * (count - 1)));
	}
}
