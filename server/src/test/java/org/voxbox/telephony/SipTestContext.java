package org.voxbox.telephony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.voxbox.TestDatabases;

/**
 * What every SIP test class's Spring context sets: its own data directory, the administrator's token, SIP on
 * a free port, an RTP range of its own (the classes may run at the same time on one machine, so ranges must
 * not overlap), only 127.0.0.1 allowed to call (127.0.0.2, also loopback, plays a stranger), and in the
 * PostgreSQL run a fresh database of its own.
 */
final class SipTestContext {

	private SipTestContext() {
	}

	/** A UDP port free now, for a class's SIP endpoint. */
	static int freeSipPort() {
		try {
			return Sipp.freeUdpPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void register(DynamicPropertyRegistry registry, String name, String token, int sipPort, int rtpPortMin)
			throws IOException {
		String data = Files.createTempDirectory("voxbox-" + name + "-").toString();
		registry.add("voxbox.storage.data-dir", () -> data);
		registry.add("voxbox.directory.bootstrap-admin-token", () -> token);
		registry.add("voxbox.sip.enabled", () -> "true");
		registry.add("voxbox.sip.port", () -> sipPort);
		registry.add("voxbox.sip.rtp-port-min", () -> rtpPortMin);
		registry.add("voxbox.sip.rtp-port-max", () -> rtpPortMin + 199);
		registry.add("voxbox.sip.allowed-peers", () -> "127.0.0.1/32");
		TestDatabases.register(registry, name);
	}
}
