package org.voxbox.telephony;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RTP ports: even ones of the range, from a random place in it, and a named failure when none is free. */
class RtpPortsTest {

	@Test
	void whenEveryPortOfTheRangeIsTakenOpeningFailsAsNoneFreeAndAPortClosedIsFreeAgain() throws Exception {
		RtpPorts ports = new RtpPorts("127.0.0.1", 38_400, 38_405);
		List<DatagramChannel> open = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				open.add(ports.open());
			}
			Set<Integer> taken = new HashSet<>();
			open.forEach(channel -> taken.add(port(channel)));
			assertThat(taken).containsExactlyInAnyOrder(38_400, 38_402, 38_404);
			assertThatThrownBy(ports::open).isInstanceOf(RtpPorts.NoneFree.class).hasMessageContaining("38400–38404");

			DatagramChannel closed = open.remove(0);
			int freed = port(closed);
			closed.close();
			open.add(ports.open());
			assertThat(port(open.get(2))).isEqualTo(freed);
		}
		finally {
			for (DatagramChannel channel : open) {
				channel.close();
			}
		}
	}

	@Test
	void portsComeFromRandomPlacesInTheRangeNotInOrder() throws Exception {
		RtpPorts ports = new RtpPorts("127.0.0.1", 36_000, 37_999);
		List<Integer> seen = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			try (DatagramChannel channel = ports.open()) {
				seen.add(port(channel));
			}
		}
		assertThat(seen).allMatch(p -> p % 2 == 0 && p >= 36_000 && p < 38_000);
		long inOrder = 0;
		for (int i = 1; i < seen.size(); i++) {
			if (seen.get(i) - seen.get(i - 1) == 2 || seen.get(i).equals(seen.get(i - 1))) {
				inOrder++;
			}
		}
		// Handed out in order, each port would follow the last (19 of 19); at random among 1000, hardly ever.
		assertThat(inOrder).as("ports that follow the one before: %s", seen).isLessThan(3);
	}

	private static int port(DatagramChannel channel) {
		try {
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
