package org.voxbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 to the running app from a chosen loopback address ({@code 127.0.0.2}, {@code 127.0.0.3} …), so a test
 * can be several clients, or a proxy and its clients, by transport address; the JDK 17 {@code HttpClient} cannot
 * choose its local address. One request per connection ({@code Connection: close}); redirects are not followed.
 */
public final class LoopbackClient {

	private final InetAddress source;

	private final int port;

	public LoopbackClient(String sourceAddress, int port) {
		try {
			this.source = InetAddress.getByName(sourceAddress);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("not an address: " + sourceAddress, ex);
		}
		if (!source.isLoopbackAddress()) {
			throw new IllegalArgumentException("a loopback address, please: " + sourceAddress);
		}
		this.port = port;
	}

	public Api.Response get(String path, Map<String, String> headers) {
		return send("GET", path, headers, "");
	}

	/** A POST of {@code body}, whose {@code Content-Type} the caller gives in {@code headers}. */
	public Api.Response post(String path, Map<String, String> headers, String body) {
		return send("POST", path, headers, body);
	}

	public Api.Response send(String method, String path, Map<String, String> headers, String body) {
		byte[] content = body.getBytes(StandardCharsets.UTF_8);
		StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
			.append("Host: localhost:").append(port).append("\r\n")
			.append("Connection: close\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (content.length > 0 || method.equals("POST") || method.equals("PUT")) {
			head.append("Content-Length: ").append(content.length).append("\r\n");
		}
		head.append("\r\n");
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(60_000);
			socket.bind(new InetSocketAddress(source, 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " from " + source.getHostAddress() + " failed", ex);
		}
	}

	private static Api.Response parse(byte[] raw) {
		int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
		if (end < 0) {
			throw new IllegalStateException("no complete response: " + new String(raw, StandardCharsets.ISO_8859_1));
		}
		String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).strip());
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
		if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
			body = dechunk(body);
		}
		return new Api.Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (true) {
			int lineEnd = indexOf(chunked, new byte[] { '\r', '\n' }, at);
			String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
			int length = Integer.parseInt(size, 16);
			if (length == 0) {
				return out.toByteArray();
			}
			out.write(chunked, lineEnd + 2, length);
			at = lineEnd + 2 + length + 2;
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle, int from) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}
