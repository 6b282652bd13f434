package org.voxbox.telephony;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A bare SIP peer for tests, over UDP or TCP to the endpoint on loopback: it sends exactly the bytes it is given
 * (malformed ones too) and collects every message that comes back, on a reader thread of its own, until closed.
 */
final class RawSip implements AutoCloseable {

	enum Transport {
		UDP, TCP
	}

	/** A message received: its first line, headers (lower-case names, in order) and body. */
	record Message(String firstLine, Map<String, List<String>> headers, byte[] body) {

		/** The status code of a response; -1 for a request or a status line that does not parse. */
		int status() {
			if (!firstLine.startsWith("SIP/2.0 ")) {
				return -1;
			}
			String rest = firstLine.substring(8);
			int space = rest.indexOf(' ');
			try {
				return Integer.parseInt(space < 0 ? rest : rest.substring(0, space));
			}
			catch (NumberFormatException ex) {
				return -1;
			}
		}

		boolean isResponse() {
			return firstLine.startsWith("SIP/2.0 ");
		}

		@Nullable String header(String name) {
			List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
			return values == null || values.isEmpty() ? null : values.get(0);
		}

		/** The {@code tag} parameter of the To header, or null. */
		@Nullable String toTag() {
			String to = header("To");
			if (to == null) {
				return null;
			}
			java.util.regex.Matcher m = java.util.regex.Pattern.compile(";\\s*tag=([^;>\\s]+)").matcher(to);
			return m.find() ? m.group(1) : null;
		}

		/** The method named in CSeq, or "". */
		String cseqMethod() {
			String cseq = header("CSeq");
			if (cseq == null) {
				return "";
			}
			String[] parts = cseq.strip().split("\\s+");
			return parts.length == 2 ? parts[1] : "";
		}

		String bodyText() {
			return new String(body, StandardCharsets.UTF_8);
		}

		static Message parse(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = end < 0 ? text : text.substring(0, end);
			byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
			String[] lines = head.split("\r\n");
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.computeIfAbsent(full(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT)),
							k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
				}
			}
			return new Message(lines[0], headers, body);
		}

		private static String full(String name) {
			return switch (name) {
				case "v" -> "via";
				case "f" -> "from";
				case "t" -> "to";
				case "i" -> "call-id";
				case "m" -> "contact";
				case "l" -> "content-length";
				case "c" -> "content-type";
				default -> name;
			};
		}

		@Override
		public String toString() {
			return firstLine;
		}
	}

	private final Transport transport;

	private final @Nullable DatagramSocket udp;

	private final @Nullable Socket tcp;

	private final InetSocketAddress server;

	private final List<Message> received = new ArrayList<>();

	private final Thread reader;

	private volatile boolean closed;

	/** Whether the server closed the TCP connection. */
	private volatile boolean peerClosed;

	private RawSip(Transport transport, int serverPort, InetSocketAddress local) throws IOException {
		this.transport = transport;
		this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
		if (transport == Transport.UDP) {
			DatagramSocket socket = new DatagramSocket(local);
			socket.setSoTimeout(200);
			this.udp = socket;
			this.tcp = null;
			this.reader = new Thread(this::readDatagrams, "raw-sip-udp-" + socket.getLocalPort());
		}
		else {
			Socket socket = new Socket();
			socket.bind(local);
			socket.connect(server, 10_000);
			socket.setSoTimeout(200);
			socket.setTcpNoDelay(true);
			this.udp = null;
			this.tcp = socket;
			this.reader = new Thread(this::readStream, "raw-sip-tcp-" + socket.getLocalPort());
		}
		reader.setDaemon(true);
		reader.start();
	}

	static RawSip open(Transport transport, int serverPort) throws IOException {
		return new RawSip(transport, serverPort, new InetSocketAddress("127.0.0.1", 0));
	}

	/** A peer on {@code host} (another loopback address plays a stranger) and {@code port} (0: any free one). */
	static RawSip open(Transport transport, int serverPort, String host, int port) throws IOException {
		return new RawSip(transport, serverPort, new InetSocketAddress(host, port));
	}

	Transport transport() {
		return transport;
	}

	int localPort() {
		return udp != null ? udp.getLocalPort() : java.util.Objects.requireNonNull(tcp).getLocalPort();
	}

	/** Sends {@code bytes} as they are: one datagram over UDP, written to the stream over TCP. */
	void send(byte[] bytes) throws IOException {
		if (udp != null) {
			udp.send(new DatagramPacket(bytes, bytes.length, server));
		}
		else {
			OutputStream out = java.util.Objects.requireNonNull(tcp).getOutputStream();
			out.write(bytes);
			out.flush();
		}
	}

	void send(String text) throws IOException {
		send(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** Everything received so far. */
	List<Message> received() {
		synchronized (received) {
			return List.copyOf(received);
		}
	}

	/** The first message received that matches, waiting up to {@code timeout}; null when none came. */
	@Nullable Message await(Predicate<Message> wanted, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (received) {
			while (true) {
				for (Message m : received) {
					if (wanted.test(m)) {
						return m;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return null;
				}
				received.wait(Math.max(1, left / 1_000_000));
			}
		}
	}

	/**
	 * Waits until a final response (2xx–6xx) has come, or nothing at all for {@code quiet}, or a provisional one
	 * was followed by nothing final for {@code patience}.
	 */
	void settle(Duration quiet, Duration patience) throws InterruptedException {
		long start = System.nanoTime();
		synchronized (received) {
			while (true) {
				boolean provisional = false;
				for (Message m : received) {
					if (m.status() >= 200) {
						return;
					}
					provisional |= m.isResponse();
				}
				long waited = System.nanoTime() - start;
				long limit = (provisional ? patience : quiet).toNanos();
				if (waited >= limit || peerClosed) {
					return;
				}
				received.wait(Math.max(1, (limit - waited) / 1_000_000));
			}
		}
	}

	boolean peerClosed() {
		return peerClosed;
	}

	private void add(Message message) {
		synchronized (received) {
			received.add(message);
			received.notifyAll();
		}
	}

	private void readDatagrams() {
		DatagramSocket socket = java.util.Objects.requireNonNull(udp);
		byte[] buffer = new byte[65535];
		while (!closed) {
			try {
				DatagramPacket p = new DatagramPacket(buffer, buffer.length);
				socket.receive(p);
				byte[] bytes = java.util.Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
				if (new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
					continue; // a keep-alive
				}
				add(Message.parse(bytes));
			}
			catch (SocketTimeoutException idle) {
				// keep listening
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void readStream() {
		try {
			InputStream in = new BufferedInputStream(java.util.Objects.requireNonNull(tcp).getInputStream());
			while (!closed) {
				byte[] message = readMessage(in);
				if (message == null) {
					peerClosed = !closed;
					synchronized (received) {
						received.notifyAll();
					}
					return;
				}
				add(Message.parse(message));
			}
		}
		catch (IOException ex) {
			peerClosed = !closed;
			synchronized (received) {
				received.notifyAll();
			}
		}
	}

	/** One message from the stream (headers, then Content-Length bytes of body); null at the end of the stream. */
	private byte @Nullable [] readMessage(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int length = 0;
		while (true) {
			String line = readLine(in);
			if (line == null) {
				return null;
			}
			if (line.isEmpty()) {
				if (head.size() == 0) {
					continue; // keep-alive CRLFs between messages
				}
				break;
			}
			head.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
				length = Integer.parseInt(line.substring(line.indexOf(':') + 1).strip());
			}
		}
		head.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		byte[] body = readFully(in, length);
		if (body == null) {
			return null;
		}
		head.writeBytes(body);
		return head.toByteArray();
	}

	private @Nullable String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			int b;
			try {
				b = in.read();
			}
			catch (SocketTimeoutException idle) {
				if (closed) {
					return null;
				}
				continue;
			}
			if (b < 0) {
				return null;
			}
			if (b == '\n') {
				String text = line.toString(StandardCharsets.ISO_8859_1);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
	}

	private byte @Nullable [] readFully(InputStream in, int length) throws IOException {
		byte[] body = new byte[length];
		int read = 0;
		while (read < length) {
			int n;
			try {
				n = in.read(body, read, length - read);
			}
			catch (SocketTimeoutException idle) {
				if (closed) {
					return null;
				}
				continue;
			}
			if (n < 0) {
				return null;
			}
			read += n;
		}
		return body;
	}

	@Override
	public void close() throws IOException {
		closed = true;
		if (udp != null) {
			udp.close();
		}
		if (tcp != null) {
			tcp.close();
		}
		try {
			reader.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
