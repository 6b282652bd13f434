package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.voxbox.media.DtmfSender;
import org.voxbox.media.RtpPacket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted phone call to the voicemail pilot: sipp does the signalling ({@code retrieve-converse.xml}, PCMA
 * first, until Voxbox hangs up) with the SDP pointing at a socket of the test's, from which the script types
 * RFC 4733 keys and speaks A-law audio on one RTP stream, and on which everything Voxbox plays is heard.
 */
final class Conversation {

	/** One step of the caller's script. */
	interface Step {

		void run(Caller caller) throws Exception;
	}

	/** The caller's side of the RTP stream: one SSRC, consecutive sequence numbers, a 20 ms clock. */
	static final class Caller {

		private final DatagramSocket socket;

		private final SocketAddress voxbox;

		private final ByteArrayOutputStream heard;

		/** What the caller did and heard, with the time since the call was answered, for failure messages. */
		private final List<String> trace;

		private final long start = System.nanoTime();

		private void trace(String what) {
			trace.add((System.nanoTime() - start) / 1_000_000 + " ms: " + what);
		}

		/** Where in what was heard the last {@link #hear} found its audio; the next one looks after it. */
		private int heardUpTo;

		private int sequence = 2000;

		private long timestamp = 320_000;

		Caller(DatagramSocket socket, SocketAddress voxbox, ByteArrayOutputStream heard, List<String> trace) {
			this.socket = socket;
			this.voxbox = voxbox;
			this.heard = heard;
			this.trace = trace;
		}

		/**
		 * Waits until Voxbox has played {@code audio} (exactly these G.711 bytes, after what the previous
		 * {@code hear} found), at most 30 s (sipp gives the whole call 60 s).
		 */
		void hear(byte[] audio, String what) {
			trace("listening for " + what);
			int at = org.awaitility.Awaitility.await("Voxbox plays " + what).atMost(java.time.Duration.ofSeconds(30))
				.pollInterval(java.time.Duration.ofMillis(20)).until(() -> {
					synchronized (heard) {
						return indexOf(heard.toByteArray(), audio, heardUpTo);
					}
				}, found -> found >= 0);
			heardUpTo = at + audio.length;
			trace("heard " + what);
		}


		void keys(String keys) throws Exception {
			trace("pressing " + keys);
			DtmfSender sender = new DtmfSender(101, 100, 10);
			for (char key : keys.toCharArray()) {
				if (key == ',') {
					Thread.sleep(1000);
					continue;
				}
				List<byte[]> packets = sender.packets(key, sequence, timestamp, 0x7e57);
				for (byte[] packet : packets) {
					socket.send(new DatagramPacket(packet, packet.length, voxbox));
					Thread.sleep(20);
				}
				sequence += packets.size();
				timestamp += 160L * (packets.size() + 10);
				Thread.sleep(150);
			}
		}

		void speak(byte[] alaw) throws Exception {
			long start = System.nanoTime();
			byte[] packet = new byte[12 + 160];
			for (int offset = 0, n = 0; offset < alaw.length; offset += 160, n++) {
				int length = Math.min(160, alaw.length - offset);
				int size = RtpPacket.write(packet, 0, 8, n == 0, sequence++ & 0xffff, timestamp & 0xffffffffL, 0x7e57, alaw,
						offset, length);
				timestamp += 160;
				socket.send(new DatagramPacket(packet, size, voxbox));
				long due = start + (n + 1) * 20_000_000L;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
			}
		}
	}

	private Conversation() {
	}

	static Step keys(String keys) {
		return caller -> caller.keys(keys);
	}

	static Step speak(byte[] alaw) {
		return caller -> caller.speak(alaw);
	}

	/** Waits until Voxbox has played {@code audio} ({@code what}, for the failure message). */
	static Step hear(byte[] audio, String what) {
		return caller -> caller.hear(audio, what);
	}

	/**
	 * How long a caller who heard the tone waits before speaking. Voxbox starts recording on its pacer's next tick
	 * after the tone's last frame, 20 ms on, and plays nothing that says so; the rest is room for a late tick on a
	 * loaded machine. A frame spoken before then is not recorded.
	 */
	static final long RECORDING_STARTS_MILLIS = 300;

	/**
	 * Waits until Voxbox has played {@code audio}, which ends with the tone, and then until it records (see
	 * {@link #RECORDING_STARTS_MILLIS}): for a caller whose every word must be kept.
	 */
	static Step hearTheTone(byte[] audio, String what) {
		return caller -> {
			caller.hear(audio, what);
			Thread.sleep(RECORDING_STARTS_MILLIS);
		};
	}

	/**
	 * Where {@code needle} starts in {@code haystack} at or after {@code from}, or -1 (Knuth–Morris–Pratt: long
	 * silent runs are cheap).
	 */
	static int indexOf(byte[] haystack, byte[] needle, int from) {
		if (needle.length == 0) {
			return Math.min(from, haystack.length);
		}
		int[] fallback = new int[needle.length];
		for (int i = 1, k = 0; i < needle.length; i++) {
			while (k > 0 && needle[i] != needle[k]) {
				k = fallback[k - 1];
			}
			if (needle[i] == needle[k]) {
				k++;
			}
			fallback[i] = k;
		}
		for (int i = from, k = 0; i < haystack.length; i++) {
			while (k > 0 && haystack[i] != needle[k]) {
				k = fallback[k - 1];
			}
			if (haystack[i] == needle[k]) {
				k++;
			}
			if (k == needle.length) {
				return i - needle.length + 1;
			}
		}
		return -1;
	}

	/** Who {@link #call(int, String, Step...)} calls as: a number that is nobody's. */
	static final String OUTSIDE = "\"Outside\" <sip:0699999999@127.0.0.1>";

	/**
	 * Calls {@code user} (the pilot, or a mailbox), runs {@code steps} once Voxbox's RTP arrives, and returns the
	 * payload of everything Voxbox played until it hung up.
	 */
	static byte[] call(int sipPort, String user, Step... steps) throws Exception {
		return callAs(OUTSIDE, sipPort, user, steps);
	}

	/** The same, with {@code from} as the caller's From header (without its tag). */
	static byte[] callAs(String from, int sipPort, String user, Step... steps) throws Exception {
		ByteArrayOutputStream heard = new ByteArrayOutputStream();
		CompletableFuture<Void> script = new CompletableFuture<>();
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
			socket.setSoTimeout(200);
			CompletableFuture<SocketAddress> voxbox = new CompletableFuture<>();
			Thread receiver = new Thread(() -> {
				while (!socket.isClosed()) {
					try {
						DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
						socket.receive(p);
						voxbox.complete(p.getSocketAddress());
						RtpPacket.parse(p.getData(), 0, p.getLength()).ifPresent(rtp -> {
							byte[] payload = new byte[rtp.payloadLength()];
							rtp.copyPayload(payload, 0);
							synchronized (heard) {
								heard.writeBytes(payload);
							}
						});
					}
					catch (SocketTimeoutException idle) {
						// keep listening
					}
					catch (java.io.IOException closed) {
						return;
					}
				}
			});
			receiver.start();
			List<String> trace = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
			Thread talker = new Thread(() -> {
				try {
					Caller caller = new Caller(socket, voxbox.get(15, TimeUnit.SECONDS), heard, trace);
					for (Step step : steps) {
						step.run(caller);
					}
					script.complete(null);
				}
				catch (Exception ex) {
					script.completeExceptionally(ex);
				}
			});
			talker.start();
			Sipp.Run run = Sipp.run("retrieve-converse.xml", user, "127.0.0.1", sipPort, "-set", "rtpport",
					String.valueOf(socket.getLocalPort()), "-set", "from", from);
			// When sipp failed, a waiting step says why within its own 30 s.
			talker.join(run.exitCode() == 0 ? 5000 : 35_000);
			if (script.isCompletedExceptionally()) {
				// What the caller was waiting for says more than sipp's timeout does.
				script.get();
			}
			assertThat(run.exitCode()).as("%s%nthe caller: %s", run.output(), trace).isZero();
			assertThat(script).as("the caller's script ran to its end before Voxbox hung up: %s", trace).isCompleted();
			socket.close();
			receiver.join(2000);
		}
		synchronized (heard) {
			return heard.toByteArray();
		}
	}
}
