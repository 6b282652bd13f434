package org.voxbox.telephony;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.voxbox.Api;
import org.voxbox.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voxbox as its own process, stopped in the middle of a message, on whichever database the run uses:
 * <ul>
 * <li>SIGTERM (a graceful stop): the caller hears goodbye and gets a BYE, the message is stored before the
 * process exits, and after a restart it is there once;</li>
 * <li>{@code kill -9}: after a restart the message exists with the audio up to the crash (all but the last
 * {@code voxbox.sip.spool-sync-millis}), and the spool is clean.</li>
 * </ul>
 */
@Tag("sip")
class DepositSurvivesStopAndCrashTest {

	private static final String TOKEN = "deposit-survives-admin-token-0123456789";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	/** The spool's sync interval here, so the test knows how much a crash may take. */
	private static final int SYNC_MILLIS = 500;

	private @Nullable Process voxbox;

	private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

	@AfterEach
	void kill() throws InterruptedException {
		if (voxbox != null && voxbox.isAlive()) {
			voxbox.destroyForcibly().waitFor();
		}
	}

	@Test
	void aGracefulStopDuringADepositSaysGoodbyeAndStoresTheMessage() throws Exception {
		Server server = new Server("graceful-stop");
		try (RawCall caller = new RawCall(server.sipPort, person(server)); Speaker speaker = speak(caller, 100)) {
			int heardBefore = caller.packets.get();
			voxbox.destroy(); // SIGTERM
			RawSip.Message bye = caller.sip.await(m -> m.firstLine().startsWith("BYE "), PATIENCE);
			assertThat(bye).as("Voxbox hangs up").isNotNull();
			assertThat(caller.packets.get() - heardBefore).as("RTP of the goodbye before the BYE").isGreaterThan(25);
			assertThat(voxbox.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("the process ends").isTrue();
		}
		List<Integer> stored = messages(server);
		assertThat(stored).as("stored before the process exited").hasSize(1);
		assertThat(stored.get(0)).isGreaterThanOrEqualTo(2000);

		start(server);
		assertThat(messages(server)).as("after a restart: the one message, not a second from the spool").hasSize(1);
		assertThat(spool(server)).isEmpty();
	}

	@Test
	void aCrashDuringADepositKeepsTheAudioUpToTheCrash() throws Exception {
		Server server = new Server("crash");
		try (RawCall caller = new RawCall(server.sipPort, person(server)); Speaker speaker = speak(caller, 150)) {
			// Wait until the spool holds two and a half seconds, as the sync interval allows.
			Awaitility.await("the spool holds 2.5 s of the message").atMost(PATIENCE)
				.until(() -> spooledAudioBytes(server) >= 20_000);
			voxbox.destroyForcibly().waitFor(); // kill -9, mid-message
		}
		assertThat(messages(server)).as("nothing stored before the crash").isEmpty();

		start(server);
		Awaitility.await("the crashed message is stored at start").atMost(PATIENCE)
			.until(() -> messages(server).size() == 1);
		assertThat(messages(server).get(0)).as("the audio up to the crash, within the sync interval")
			.isGreaterThanOrEqualTo(2500 - SYNC_MILLIS);
		Awaitility.await("the spool is cleaned").atMost(PATIENCE).until(() -> spool(server).isEmpty());
	}

	/** One Voxbox installation: its ports, data directory and (in the PostgreSQL run) database. */
	private static final class Server {

		final int httpPort = freeTcpPort();

		final int sipPort = SipTestContext.freeSipPort();

		final Path data;

		final TestDatabases.@Nullable Postgres database;

		Server(String name) throws IOException {
			this.data = Files.createTempDirectory("voxbox-" + name + "-");
			this.database = TestDatabases.onPostgres() ? TestDatabases.freshPostgres("process-" + name) : null;
		}

		Connection connect() throws SQLException {
			return database != null ? database.connect()
					: DriverManager.getConnection("jdbc:sqlite:" + data.resolve("voxbox.db"));
		}
	}

	/** Starts Voxbox on the server's data and waits until it answers HTTP and SIP. */
	private void start(Server server) throws Exception {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-cp", classpath, "org.voxbox.VoxboxApplication", "--server.port=" + server.httpPort,
				"--voxbox.storage.data-dir=" + server.data, "--voxbox.directory.bootstrap-admin-token=" + TOKEN,
				"--voxbox.sip.port=" + server.sipPort, "--voxbox.sip.rtp-port-min=27800",
				"--voxbox.sip.rtp-port-max=27999", "--voxbox.sip.allowed-peers=127.0.0.1/32",
				"--voxbox.sip.spool-sync-millis=" + SYNC_MILLIS));
		if (server.database != null) {
			command.add("--voxbox.storage.db-url=" + server.database.url());
			command.add("--voxbox.storage.db-user=" + server.database.user());
			command.add("--voxbox.storage.db-password=" + server.database.password());
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		voxbox = process;
		Thread reader = new Thread(() -> {
			try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
				for (String line; (line = lines.readLine()) != null;) {
					log.add(line);
				}
			}
			catch (IOException ended) {
				// the process is gone
			}
		}, "voxbox-process-log");
		reader.setDaemon(true);
		reader.start();
		Api api = new Api(server.httpPort);
		java.util.concurrent.atomic.AtomicReference<Object> lastHealth = new java.util.concurrent.atomic.AtomicReference<>();
		try {
			// A JVM start on a loaded 2-core machine (a CI run next to other builds) can take over a minute.
			Awaitility.await("Voxbox answers HTTP").atMost(PATIENCE.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
				.failFast(() -> !process.isAlive())
				.until(() -> {
					try {
						Api.Response health = api.get("/actuator/health", null);
						lastHealth.set(health);
						return health.status() == 200;
					}
					catch (RuntimeException notYet) {
						lastHealth.set(notYet);
						return false;
					}
				});
		}
		catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException ex) {
			throw new AssertionError("Voxbox did not become healthy (alive: " + process.isAlive() + ", last health: "
					+ lastHealth.get() + "):\n" + String.join("\n", List.copyOf(log)), ex);
		}
	}

	/**
	 * Calls, waits for the greeting to end and speaks {@code packets} × 20 ms of the message (and goes on
	 * speaking until the speaker is closed).
	 */
	private static Speaker speak(RawCall caller, int packets) throws Exception {
		caller.call("sendrecv");
		awaitGreetingOver(caller);
		Speaker speaker = new Speaker(caller);
		speaker.start();
		speaker.awaitSent(packets);
		return speaker;
	}

	/** Starts Voxbox on the server's data, and makes a person with voicemail on there; their extension. */
	private String person(Server server) throws Exception {
		start(server);
		Api api = new Api(server.httpPort);
		Api.Response created = api.post("/v1/people", TOKEN, Map.of("emails", List.of("kees@example.com"), "firstName",
				"Kees", "lastName", "Bewaard", "extension", "4930"));
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		assertThat(api.put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
		return "4930";
	}

	/** Waits for the greeting and the tone, then for Voxbox to fall silent: it is recording. */
	private static void awaitGreetingOver(RawCall caller) {
		assertThat(caller.awaitPackets(25)).as("the greeting begins").isTrue();
		AtomicInteger last = new AtomicInteger(-1);
		Awaitility.await("the greeting and the tone end").atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
			.until(() -> last.getAndSet(caller.packets.get()) == caller.packets.get());
	}

	/** The durations of the messages stored, in milliseconds. */
	private static List<Integer> messages(Server server) throws SQLException {
		try (Connection connection = server.connect(); Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT duration_ms FROM voice_message")) {
			List<Integer> durations = new ArrayList<>();
			while (rows.next()) {
				durations.add(rows.getInt(1));
			}
			return durations;
		}
	}

	private static List<Path> spool(Server server) throws IOException {
		Path spool = server.data.resolve("spool");
		if (!Files.isDirectory(spool)) {
			return List.of();
		}
		try (var files = Files.list(spool)) {
			return files.toList();
		}
	}

	private static long spooledAudioBytes(Server server) throws IOException {
		long bytes = 0;
		for (Path file : spool(server)) {
			if (file.toString().endsWith(".g711")) {
				bytes += Files.size(file);
			}
		}
		return bytes;
	}

	private static int freeTcpPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The caller speaking: PCMU at 20 ms a packet from the call's RTP socket, until closed. */
	private static final class Speaker implements AutoCloseable {

		private final RawCall caller;

		private final AtomicInteger sent = new AtomicInteger();

		private final AtomicBoolean speaking = new AtomicBoolean(true);

		private @Nullable Thread thread;

		Speaker(RawCall caller) {
			this.caller = caller;
		}

		void start() {
			InetSocketAddress voxbox = new InetSocketAddress("127.0.0.1", caller.voxboxMediaPort());
			thread = new Thread(() -> {
				long next = System.nanoTime();
				for (int n = 0; speaking.get(); n++) {
					ByteBuffer packet = ByteBuffer.allocate(172);
					packet.put((byte) 0x80).put((byte) 0).putShort((short) n).putInt(160 * n).putInt(0xCA11);
					for (int i = 0; i < 160; i++) {
						packet.put((byte) (i % 2 == 0 ? 0x10 : 0x90)); // loud enough not to be silence
					}
					try {
						caller.rtp.send(new DatagramPacket(packet.array(), 172, voxbox));
					}
					catch (IOException closed) {
						return;
					}
					sent.incrementAndGet();
					next += 20_000_000L;
					java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
				}
			}, "speaker");
			thread.setDaemon(true);
			thread.start();
		}

		void awaitSent(int packets) {
			Awaitility.await("%d packets spoken".formatted(packets)).atMost(PATIENCE)
				.until(() -> sent.get() >= packets);
		}

		@Override
		public void close() throws InterruptedException {
			speaking.set(false);
			if (thread != null) {
				thread.join(2000);
			}
		}
	}
}
