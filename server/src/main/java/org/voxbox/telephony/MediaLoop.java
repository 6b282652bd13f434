package org.voxbox.telephony;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One thread receiving the RTP of every call through a selector, so hundreds of calls cost one thread. Sinks
 * are called on that thread and must not block.
 */
@Component
class MediaLoop implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MediaLoop.class);

	/** Receives one call's datagrams; called on the media thread, must not block. */
	interface Sink {

		void datagram(ByteBuffer data, InetSocketAddress from);
	}

	private final Selector selector;

	private final Queue<Runnable> changes = new ConcurrentLinkedQueue<>();

	private final Thread thread;

	private volatile boolean running = true;

	MediaLoop() throws IOException {
		this.selector = Selector.open();
		this.thread = new Thread(this::run, "rtp-receive");
		this.thread.setDaemon(true);
		this.thread.setPriority(Thread.MAX_PRIORITY);
		this.thread.start();
	}

	/** Starts delivering the channel's datagrams to the sink. */
	void add(DatagramChannel channel, Sink sink) {
		changes.add(() -> {
			try {
				channel.configureBlocking(false);
				channel.register(selector, SelectionKey.OP_READ, sink);
			}
			catch (IOException ex) {
				log.warn("cannot receive RTP on {}: {}", channel, ex.toString());
			}
		});
		selector.wakeup();
	}

	/** Stops delivering; returns once the media thread will no longer call the channel's sink. */
	void remove(DatagramChannel channel) {
		var done = new java.util.concurrent.CountDownLatch(1);
		changes.add(() -> {
			SelectionKey key = channel.keyFor(selector);
			if (key != null) {
				key.cancel();
			}
			done.countDown();
		});
		selector.wakeup();
		try {
			done.await(2, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
		while (running) {
			try {
				selector.select(1000);
				for (Runnable change; (change = changes.poll()) != null;) {
					change.run();
				}
				for (SelectionKey key : selector.selectedKeys()) {
					if (!key.isValid()) {
						continue;
					}
					DatagramChannel channel = (DatagramChannel) key.channel();
					Sink sink = (Sink) key.attachment();
					for (int i = 0; i < 64; i++) {
						buffer.clear();
						InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
						if (from == null) {
							break;
						}
						buffer.flip();
						try {
							sink.datagram(buffer, from);
						}
						catch (RuntimeException ex) {
							log.warn("RTP sink failed: {}", ex.toString());
						}
					}
				}
				selector.selectedKeys().clear();
			}
			catch (ClosedSelectorException ex) {
				return;
			}
			catch (IOException | java.nio.channels.CancelledKeyException ex) {
				log.debug("RTP receive: {}", ex.toString());
			}
		}
	}

	@Override
	public void destroy() throws IOException {
		running = false;
		selector.close();
	}
}
