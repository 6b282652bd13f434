package org.voxbox.telephony;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;

/**
 * Hands out UDP sockets for RTP from the configured port range (even ports, as RTP prefers), each from a random
 * place in the range so a stranger cannot predict the next call's port. Thread-safe.
 */
final class RtpPorts {

	/** Every port of the range is taken. */
	static final class NoneFree extends IOException {

		NoneFree(String range) {
			super("no free RTP port in " + range);
		}
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String address;

	private final int min;

	private final int count;

	RtpPorts(String address, int min, int max) {
		this.address = address;
		this.min = min % 2 == 0 ? min : min + 1;
		this.count = Math.max(1, (max - this.min) / 2 + 1);
	}

	/**
	 * A channel bound to a free port of the range, with room for bursts in its receive buffer.
	 *
	 * @throws NoneFree when every port of the range is taken
	 */
	DatagramChannel open() throws IOException {
		int start = RANDOM.nextInt(count);
		for (int attempt = 0; attempt < count; attempt++) {
			int port = min + 2 * ((start + attempt) % count);
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
		throw new NoneFree(min + "–" + (min + 2 * (count - 1)));
	}
}
