package org.voxbox.telephony;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;

/** A UDP socket on loopback that counts the datagrams it receives (Voxbox's RTP, or none at all). */
final class RtpCounter implements AutoCloseable {

	final DatagramSocket socket;

	final AtomicInteger packets = new AtomicInteger();

	private final Thread counter;

	/** Binds {@code host}:{@code port} (0: any free port). */
	RtpCounter(String host, int port) throws IOException {
		this.socket = new DatagramSocket(new InetSocketAddress(host, port));
		socket.setSoTimeout(200);
		this.counter = new Thread(() -> {
			byte[] buffer = new byte[2048];
			while (!socket.isClosed()) {
				try {
					socket.receive(new DatagramPacket(buffer, buffer.length));
					packets.incrementAndGet();
				}
				catch (SocketTimeoutException idle) {
					// keep counting
				}
				catch (IOException closed) {
					return;
				}
			}
		}, "rtp-counter-" + socket.getLocalPort());
		counter.setDaemon(true);
		counter.start();
	}

	int port() {
		return socket.getLocalPort();
	}

	/** Waits until {@code count} datagrams have come, for at most {@code patience}; whether they did. */
	boolean await(int count, Duration patience) {
		try {
			Awaitility.await("%d RTP packets on port %d".formatted(count, port())).atMost(patience)
				.pollInterval(Duration.ofMillis(20)).until(() -> packets.get() >= count);
			return true;
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		socket.close();
		try {
			counter.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
