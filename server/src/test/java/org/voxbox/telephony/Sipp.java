package org.voxbox.telephony;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's sipp (package sip-tester) with a scenario from {@code src/test/resources/sipp}. */
final class Sipp {

	static final Path BINARY = Path.of("/usr/bin/sipp");

	private Sipp() {
	}

	/** What a sipp run left: its exit code (0 = every call succeeded) and its output. */
	record Run(int exitCode, String output) {
	}

	static Run run(String scenario, String user, String localIp, int sipPort, String... extra) throws Exception {
		return run(java.util.Map.of(), scenario, user, localIp, sipPort, extra);
	}

	/** Like {@link #run(String, String, String, int, String...)}, with {@code files} put in sipp's working directory. */
	static Run run(java.util.Map<String, byte[]> files, String scenario, String user, String localIp, int sipPort,
			String... extra) throws Exception {
		if (!Files.isExecutable(BINARY)) {
			throw new IllegalStateException(BINARY + " is missing: install Debian's sip-tester (bin/test does)");
		}
		Path dir = Files.createTempDirectory("sipp-");
		for (var file : files.entrySet()) {
			Files.write(dir.resolve(file.getKey()), file.getValue());
		}
		List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-sf",
				Path.of("src/test/resources/sipp", scenario).toAbsolutePath().toString(), "-m", "1", "-s", user, "-i",
				localIp, "-p", String.valueOf(freeUdpPort()), "-mp", String.valueOf(mediaPorts()), "-timeout", "60s",
				"-timeout_error", "-nostdin", "-trace_err"));
		command.addAll(List.of(extra));
		command.add("127.0.0.1:" + sipPort);
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("sipp did not finish: " + command);
		}
		String output = new String(process.getInputStream().readAllBytes());
		try (var written = Files.list(dir)) {
			for (Path f : written.toList()) {
				if (f.getFileName().toString().endsWith("errors.log")) {
					output += "\n" + Files.readString(f);
				}
			}
		}
		return new Run(process.exitValue(), output);
	}

	private static final java.util.concurrent.atomic.AtomicInteger MEDIA = new java.util.concurrent.atomic.AtomicInteger(
			new java.util.Random().nextInt(500));

	/**
	 * The first of the ten ports sipp may bind for media (audio, video and their neighbours), from 22000–26999, below
	 * the kernel's ephemeral ports (32768 up), so no other socket takes one between choosing and binding.
	 */
	static int mediaPorts() {
		return 22000 + 10 * Math.floorMod(MEDIA.getAndIncrement(), 500);
	}

	static int freeUdpPort() throws IOException {
		try (DatagramSocket socket = new DatagramSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
