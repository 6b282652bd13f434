package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real softphone: Debian's baresip 1.0.0 (package {@code baresip}) run headless on 127.0.0.1 with a config
 * directory of its own, a WAV file as its microphone ({@code aufile}), no speaker ({@code aubridge}), both
 * directions of every call recorded as PCM WAVs ({@code sndfile}), and driven over {@code ctrl_tcp}:
 * netstring-framed JSON commands, answered on the same socket, which also carries the call events. One instance
 * per call; {@link #close} always ends the process.
 */
final class Baresip implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/bin/baresip");

	static final Path MODULES = Path.of("/usr/lib/baresip/modules");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> MODULE_FILES = List.of("g711.so", "aufile.so", "aubridge.so", "sndfile.so",
			"account.so", "menu.so", "ctrl_tcp.so");

	private static final AtomicInteger RTP = new AtomicInteger(new java.util.Random().nextInt(50));

	private final Path dir;

	private final Process process;

	private final Socket control;

	private final OutputStream commands;

	private final AtomicInteger tokens = new AtomicInteger();

	private final Map<String, CompletableFuture<JsonNode>> responses = new ConcurrentHashMap<>();

	private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

	private final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());

	private Baresip(Path dir, Process process, Socket control) throws IOException {
		this.dir = dir;
		this.process = process;
		this.control = control;
		this.commands = control.getOutputStream();
		Thread reader = new Thread(this::read, "baresip-ctrl-" + process.pid());
		reader.setDaemon(true);
		reader.start();
	}

	/** The config this softphone runs with; {@code microphone} must be an 8 kHz mono 16-bit WAV. */
	static String config(int sipPort, int controlPort, int rtpMin, Path microphone, Path recordings) {
		return String.join("\n", "poll_method\t\tepoll", "sip_listen\t\t127.0.0.1:" + sipPort, "net_interface\t\t127.0.0.1",
				"call_local_timeout\t120", "call_max_calls\t\t1",
				// The microphone is a file; nothing is played out loud. baresip hangs up when the file ends, so it
				// must be padded with enough silence to last the call.
				"audio_source\t\taufile," + microphone, "audio_player\t\taubridge,nil", "audio_alert\t\taubridge,nil",
				"ausrc_srate\t\t8000", "auplay_srate\t\t8000", "ausrc_channels\t\t1", "auplay_channels\t\t1",
				"audio_level\t\tno", "rtp_ports\t\t" + rtpMin + "-" + (rtpMin + 19), "rtcp_mux\t\tno",
				"jitter_buffer_delay\t5-10", "module_path\t\t" + MODULES, "module\t\t\tg711.so", "module\t\t\taufile.so",
				"module\t\t\taubridge.so", "module\t\t\tsndfile.so", "module_tmp\t\taccount.so",
				"module_app\t\tmenu.so", "module_app\t\tctrl_tcp.so", "ctrl_tcp_listen\t\t127.0.0.1:" + controlPort,
				"snd_path\t\t" + recordings, "");
	}

	/** Starts baresip in {@code dir} (its config directory, log and recordings) with {@code microphone}. */
	static Baresip start(Path dir, Path microphone) throws Exception {
		if (!Files.isExecutable(BINARY)) {
			throw new IllegalStateException(BINARY + " is missing: install Debian's baresip (bin/test does)");
		}
		for (String module : MODULE_FILES) {
			if (!Files.exists(MODULES.resolve(module))) {
				throw new IllegalStateException(MODULES.resolve(module) + " is missing");
			}
		}
		// baresip binds its SIP port for UDP and TCP and the port after it for TLS, and its ctrl_tcp port; any of
		// them can be taken between our probe and its bind (another test's socket, an outgoing connection's
		// ephemeral port). It then exits with "Address already in use", and we start it again on other ports.
		for (int attempt = 1;; attempt++) {
			int sipPort = freeSipPort();
			int controlPort;
			try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				controlPort = probe.getLocalPort();
			}
			Path recordings = Files.createDirectories(dir.resolve("recordings"));
			Files.writeString(dir.resolve("config"), config(sipPort, controlPort, rtpPorts(), microphone, recordings));
			Files.writeString(dir.resolve("accounts"),
					"<sip:tester@127.0.0.1:" + sipPort + ">;regint=0;audio_codecs=PCMU/8000/1\n");
			Files.writeString(dir.resolve("contacts"), "");
			// -t: a safety net, baresip quits by itself after three minutes even if nobody tells it to.
			Process process = new ProcessBuilder(BINARY.toString(), "-f", dir.toString(), "-t", "180")
				.directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("baresip.log").toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
			while (true) {
				try {
					Socket control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
					return new Baresip(dir, process, control);
				}
				catch (IOException notYet) {
					if (!process.isAlive() || System.nanoTime() > deadline) {
						process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
						String log = Files.readString(dir.resolve("baresip.log"), StandardCharsets.ISO_8859_1);
						if (log.contains("Address already in use") && attempt < 5) {
							break;
						}
						throw new IllegalStateException(
								"baresip's ctrl_tcp never answered on port " + controlPort + ":\n" + log, notYet);
					}
					Thread.sleep(100);
				}
			}
		}
	}

	/** A port free for SIP over UDP and TCP whose next port is free for TCP (baresip's SIP over TLS). */
	private static int freeSipPort() throws IOException {
		while (true) {
			int port = Sipp.freeUdpPort();
			if (port < 65535 && tcpFree(port) && tcpFree(port + 1)) {
				return port;
			}
		}
	}

	private static boolean tcpFree(int port) {
		try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}

	/**
	 * The first of twenty RTP ports (RTP and RTCP pairs), from 29000–29999: below the kernel's ephemeral ports and
	 * away from the server's and sipp's media ports.
	 */
	private static int rtpPorts() {
		return 29000 + 20 * Math.floorMod(RTP.getAndIncrement(), 50);
	}

	/** Sends a command (as the {@code menu} module names it) and returns baresip's answer, failing unless ok. */
	JsonNode command(String command, String params) throws Exception {
		String token = String.valueOf(tokens.incrementAndGet());
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		responses.put(token, answer);
		byte[] json = JSON.writeValueAsBytes(Map.of("command", command, "params", params, "token", token));
		synchronized (commands) {
			commands.write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
			commands.write(json);
			commands.write(',');
			commands.flush();
		}
		JsonNode response;
		try {
			response = answer.get(10, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new AssertionError("baresip did not answer " + command + " " + params + "\n" + output(), ex);
		}
		if (!response.path("ok").asBoolean(false)) {
			throw new AssertionError("baresip refused " + command + " " + params + ": " + response + "\n" + output());
		}
		return response;
	}

	/** Waits for the next event of {@code type} (CALL_ESTABLISHED, CALL_CLOSED…), skipping others. */
	JsonNode awaitEvent(String type, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			JsonNode event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
			if (event == null) {
				throw new AssertionError("no " + type + " from baresip within " + timeout + "\n" + output());
			}
			if (type.equals(event.path("type").asString(""))) {
				return event;
			}
		}
	}

	/** Whether an event of {@code type} has arrived so far (without consuming anything). */
	boolean hasSeen(String type) {
		synchronized (seen) {
			return seen.stream().anyMatch(s -> s.contains("\"type\":\"" + type + "\""));
		}
	}

	/** baresip's log so far, and every message its ctrl_tcp sent, for assertion messages. */
	String output() {
		String log;
		try {
			log = Files.readString(dir.resolve("baresip.log"), StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			log = "(no log: " + ex + ")";
		}
		// The menu module redraws a call status line ("[0:00:07] audio=65056/43946 (bit/s)") every 100 ms.
		log = log.replaceAll("\\[\\d+:\\d\\d:\\d\\d\\] audio=\\d+/\\d+ \\(bit/s\\)\\s*", "");
		synchronized (seen) {
			return "--- baresip log (" + dir + ") ---\n" + log + "\n--- ctrl_tcp ---\n" + String.join("\n", seen);
		}
	}

	/**
	 * What the softphone has received so far in its call: the decoded samples sndfile writes to
	 * {@code dump-…-dec.wav} as they arrive (empty until the first frame). Readable while the call goes on.
	 */
	short[] received() throws IOException {
		Optional<Path> file;
		try (var files = Files.list(dir.resolve("recordings"))) {
			file = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).findFirst();
		}
		return file.isEmpty() ? new short[0] : pcm16(Files.readAllBytes(file.get()));
	}

	/**
	 * The samples of a 16-bit PCM WAV, possibly still being written: from the {@code data} chunk to the end of
	 * what is on disk when its size is not filled in yet.
	 */
	static short[] pcm16(byte[] file) {
		ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
		int at = 12;
		while (at + 8 <= file.length) {
			String id = new String(file, at, 4, StandardCharsets.US_ASCII);
			long size = b.getInt(at + 4) & 0xffffffffL;
			if (id.equals("fmt ")) {
				int format = b.getShort(at + 8) & 0xffff;
				int channels = b.getShort(at + 10);
				int rate = b.getInt(at + 12);
				int bits = b.getShort(at + 22);
				if ((format != 1 && format != 0xFFFE) || channels != 1 || rate != 8000 || bits != 16) {
					throw new IllegalStateException("not 8 kHz mono PCM16: format " + format + ", " + channels
							+ " channels, " + rate + " Hz, " + bits + " bits");
				}
			}
			if (id.equals("data")) {
				int start = at + 8;
				long end = size == 0 || start + size > file.length ? file.length : start + size;
				short[] samples = new short[(int) ((end - start) / 2)];
				b.position(start);
				b.asShortBuffer().get(samples);
				return samples;
			}
			at += 8 + (int) size + (int) (size & 1);
		}
		return new short[0];
	}

	private void read() {
		try (InputStream in = control.getInputStream()) {
			while (true) {
				int length = 0;
				for (int c = in.read(); c != ':'; c = in.read()) {
					if (c < '0' || c > '9') {
						return; // closed (or not a netstring)
					}
					length = length * 10 + (c - '0');
				}
				byte[] body = in.readNBytes(length);
				if (body.length < length || in.read() != ',') {
					return;
				}
				String text = new String(body, StandardCharsets.UTF_8);
				seen.add(text);
				JsonNode message = JSON.readTree(text);
				if (message.path("response").asBoolean(false)) {
					CompletableFuture<JsonNode> waiting = responses.remove(message.path("token").asString(""));
					if (waiting != null) {
						waiting.complete(message);
					}
				}
				else if (message.path("event").asBoolean(false)) {
					events.add(message);
				}
			}
		}
		catch (IOException | RuntimeException closed) {
			// the process ended or close() closed the socket
		}
	}

	/** Tells baresip to quit; kills it (and anything it started) if it has not gone within five seconds. */
	@Override
	public void close() throws Exception {
		try {
			if (process.isAlive()) {
				try {
					byte[] json = JSON.writeValueAsBytes(Map.of("command", "quit", "params", "", "token", "quit"));
					ByteArrayOutputStream frame = new ByteArrayOutputStream();
					frame.writeBytes((json.length + ":").getBytes(StandardCharsets.US_ASCII));
					frame.writeBytes(json);
					frame.write(',');
					synchronized (commands) {
						commands.write(frame.toByteArray());
						commands.flush();
					}
				}
				catch (IOException gone) {
					// killed below
				}
				process.waitFor(5, TimeUnit.SECONDS);
			}
		}
		finally {
			control.close();
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			process.waitFor(5, TimeUnit.SECONDS);
		}
	}
}
