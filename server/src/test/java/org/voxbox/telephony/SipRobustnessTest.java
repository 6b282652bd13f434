package org.voxbox.telephony;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.voxbox.Api;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SIP endpoint against hostile and tricky peers, over real sockets on loopback. It proves that:
 * <ul>
 * <li>each message of a corpus of malformed and hostile ones ({@link SipCorpus}: missing or broken mandatory
 * headers, lying Content-Lengths, oversized headers and bodies, non-UTF-8 and NUL bytes, broken request lines
 * and URIs, bad SDP, weird folding, stray responses, a torn datagram, RFC 4475 torture tests), sent over UDP
 * and over TCP, gets a 4xx (the one its case names) or no answer at all, never a 5xx nor a call; the endpoint
 * answers an OPTIONS after each, holds no call afterwards, and then still answers sipp's probe and takes a
 * real message;</li>
 * <li>a re-INVITE with {@code a=sendonly} (the caller holds) is answered {@code a=recvonly} and Voxbox stops
 * sending RTP, and one with {@code a=sendrecv} resumes it;</li>
 * <li>CANCEL for an unknown transaction and BYE for an unknown dialog get 481; a BYE during the greeting ends
 * the call (the active-call gauge drops, RTP stops, no message is stored); a retransmitted INVITE makes no
 * second call.</li>
 * </ul>
 */
@Tag("sip")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SipRobustnessTest {

	private static final String TOKEN = "sip-robustness-admin-token-0123456789";

	private static final int SIP_PORT = SipTestContext.freeSipPort();

	/** Calls this endpoint holds at once: few, so that filling it is cheap. */
	private static final int MAX_CALLS = 3;

	/** Long enough for anything the endpoint does on a busy two-core machine; only reached when it fails. */
	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@DynamicPropertySource
	static void sip(DynamicPropertyRegistry registry) throws IOException {
		SipTestContext.register(registry, "sip-robustness-test", TOKEN, SIP_PORT, 28400);
		registry.add("voxbox.sip.max-calls", () -> MAX_CALLS);
		// The callers here are not trusted (loopback is by default): their SDP and identity are what is tested.
		registry.add("voxbox.sip.trusted-peers", () -> "192.0.2.0/24");
	}

	@LocalServerPort
	int port;

	@Autowired
	VoiceMessages messages;

	@Autowired
	MeterRegistry meters;

	private static boolean peopleCreated;

	private static UUID jan;

	/** The number of a mailbox whose owner has no extension: its greeting speaks eleven digits, about 9 s long. */
	private static final String LONG_GREETING = "31207654321";

	@BeforeEach
	void people() {
		Api api = new Api(port);
		if (!peopleCreated) {
			jan = person(api, Map.of("emails", List.of("jan@example.com"), "firstName", "Jan", "lastName", "Jansen",
					"extension", "4721"));
			person(api, Map.of("emails", List.of("lang@example.com"), "firstName", "Lang", "lastName", "Wachten",
					"phoneNumbers", List.of(Map.of("type", "work", "value", "+" + LONG_GREETING))));
			peopleCreated = true;
		}
	}

	private static UUID person(Api api, Map<String, Object> body) {
		Api.Response created = api.post("/v1/people", TOKEN, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(200);
		String id = created.json().get("id").asString();
		assertThat(api.put("/v1/people/" + id + "/features/voicemail", TOKEN, Map.of("enabled", true)).status())
			.isEqualTo(204);
		return PublicId.PEOPLE.decode(id).orElseThrow();
	}

	/** What one corpus case got over one transport. */
	private record Outcome(SipCorpus.Case corpusCase, RawSip.Transport transport, List<Integer> statuses) {

		List<Integer> finals() {
			return statuses.stream().filter(s -> s >= 200).distinct().toList();
		}

		/** The final statuses in order ({@code 488+400} when the bytes made two messages), or {@code dropped}. */
		String result() {
			List<Integer> finals = finals();
			if (finals.isEmpty()) {
				return statuses.isEmpty() ? SipCorpus.DROPPED : "stalled after " + statuses;
			}
			return String.join("+", finals.stream().map(String::valueOf).toList());
		}

		boolean allowed() {
			Set<String> expected = corpusCase.expected(transport);
			if (statuses.stream().anyMatch(s -> s < 100 || (s >= 200 && s < 400) || s >= 500)) {
				return false; // never a call, a redirect or a server error; -1 is a request, which is no answer
			}
			List<Integer> finals = finals();
			if (finals.isEmpty()) {
				return statuses.isEmpty() && expected.contains(SipCorpus.DROPPED);
			}
			return finals.stream().allMatch(s -> expected.contains(String.valueOf(s)));
		}
	}

	@Test
	void malformedAndHostileMessagesGetA4xxOrNoAnswerOverUdpAndTcpAndTheEndpointKeepsServing() throws Exception {
		List<SipCorpus.Case> corpus = SipCorpus.all();
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);
		double callsBefore = activeCalls();
		List<RawSip> peers = new ArrayList<>();
		List<Outcome> outcomes = new ArrayList<>();
		long start = System.nanoTime();
		try {
			for (SipCorpus.Case c : corpus) {
				for (RawSip.Transport transport : RawSip.Transport.values()) {
					RawSip peer = RawSip.open(transport, SIP_PORT);
					peers.add(peer);
					peer.send(c.render().apply(SipCorpus.Peer.fresh(transport, peer.localPort(), SIP_PORT)));
					// A case that must be answered gets all the time it needs; one that may be dropped, a moment of quiet.
					boolean mayDrop = c.expected(transport).contains(SipCorpus.DROPPED);
					peer.settle(mayDrop ? Duration.ofMillis(1500) : PATIENCE, PATIENCE);
					endTransactions(peer);
					assertThat(options(transport)).as("OPTIONS after %s over %s", c.name(), transport).isEqualTo(200);
				}
			}
			// Late answers count too: every peer listens until the whole corpus has been sent.
			Thread.sleep(1000);
		}
		finally {
			for (RawSip peer : peers) {
				peer.close();
			}
		}
		for (int i = 0; i < peers.size(); i++) {
			SipCorpus.Case c = corpus.get(i / 2);
			RawSip peer = peers.get(i);
			outcomes.add(new Outcome(c, peer.transport(), peer.received().stream().map(RawSip.Message::status).toList()));
		}
		StringBuilder table = new StringBuilder(String.format("%n%-40s %-12s %-12s%n", "case", "UDP", "TCP"));
		for (int i = 0; i < outcomes.size(); i += 2) {
			table.append(String.format("%-40s %-12s %-12s%n", outcomes.get(i).corpusCase().name(), outcomes.get(i).result(),
					outcomes.get(i + 1).result()));
		}
		System.out.printf("SIP corpus, %d cases over UDP and TCP in %d s:%s", corpus.size(),
				Duration.ofNanos(System.nanoTime() - start).toSeconds(), table);
		List<String> wrong = outcomes.stream().filter(o -> !o.allowed())
			.map(o -> o.corpusCase().name() + " over " + o.transport() + ": got " + o.result() + " " + o.statuses()
					+ ", allowed " + o.corpusCase().expected(o.transport()))
			.toList();
		assertThat(wrong).as("cases answered otherwise than allowed%s", table).isEmpty();
		assertThat(awaitTrue(() -> activeCalls() == callsBefore)).as("no call is left from the corpus").isTrue();

		succeeds(Sipp.run("options.xml", "voicemail", "127.0.0.1", SIP_PORT));
		succeeds(Sipp.run("deposit.xml", "4721", "127.0.0.1", SIP_PORT));
	}

	/**
	 * Ends what a corpus case left open: an ACK for a final answer to an INVITE (so the server stops resending
	 * it), and a BYE too should the endpoint ever have answered one with 2xx.
	 */
	private static void endTransactions(RawSip peer) {
		for (RawSip.Message m : peer.received()) {
			if (!m.isResponse() || m.status() < 200 || !"INVITE".equals(m.cseqMethod())) {
				continue;
			}
			String cseq = String.valueOf(m.header("CSeq")).strip().split("\\s+")[0];
			String via = m.header("Via");
			String ack = "ACK sip:4721@127.0.0.1:" + SIP_PORT + " SIP/2.0\r\n"
					+ "Via: " + (m.status() < 300 ? "SIP/2.0/" + peer.transport() + " 127.0.0.1:" + peer.localPort()
							+ ";branch=z9hG4bK-ack-" + UUID.randomUUID() : via) + "\r\n"
					+ "Max-Forwards: 70\r\n"
					+ "From: " + m.header("From") + "\r\n"
					+ "To: " + m.header("To") + "\r\n"
					+ "Call-ID: " + m.header("Call-ID") + "\r\n"
					+ "CSeq: " + cseq + " ACK\r\n"
					+ "Content-Length: 0\r\n\r\n";
			try {
				peer.send(ack);
				if (m.status() < 300) {
					peer.send(ack.replace("ACK sip:", "BYE sip:").replace(" ACK\r\n", " BYE\r\n")
						.replace("CSeq: " + cseq, "CSeq: " + (Long.parseLong(cseq) + 1)).replace("z9hG4bK-ack-", "z9hG4bK-bye-"));
				}
			}
			catch (IOException | NumberFormatException ex) {
				// the server closed the connection, or answered with a CSeq we cannot repeat: nothing to end
			}
		}
	}

	@Test
	void aReInviteWithSendonlyHoldsVoxboxsRtpAndOneWithSendrecvResumesIt() throws Exception {
		try (RawCall caller = new RawCall(SIP_PORT, LONG_GREETING)) {
			RawSip.Message ok = caller.call("sendrecv");
			assertThat(ok.bodyText()).contains("a=sendrecv");
			assertThat(caller.awaitPackets(5)).as("RTP of the greeting").isTrue();

			RawSip.Message held = caller.reinvite("sendonly");
			assertThat(held.status()).isEqualTo(200);
			assertThat(held.toTag()).isEqualTo(caller.toTag);
			assertThat(held.bodyText()).as("the answer to a hold").contains("a=recvonly").doesNotContain("a=sendrecv");
			Thread.sleep(1000); // what was on its way when the hold was answered
			int beforeHold = caller.packets.get();
			Thread.sleep(2000);
			assertThat(caller.packets.get()).as("RTP packets while held").isEqualTo(beforeHold);

			RawSip.Message resumed = caller.reinvite("sendrecv");
			assertThat(resumed.status()).isEqualTo(200);
			assertThat(resumed.bodyText()).contains("a=sendrecv").doesNotContain("a=recvonly");
			assertThat(caller.awaitPackets(beforeHold + 5)).as("RTP once resumed").isTrue();
			assertThat(caller.bye().status()).isEqualTo(200);
		}
	}

	/**
	 * A stranger (127.0.0.2; only 127.0.0.1 may call) whose Via names its own address, so the stack leaves it
	 * alone, but claims {@code received=127.0.0.1}: the allow-list looks at where the INVITE came from, and the
	 * 403 goes back there too — to the stranger, over UDP and TCP, not to the address it named (a listener there
	 * hears nothing).
	 */
	@Test
	void aStrangerWhoseViaClaimsAnAllowedAddressIsRefusedOverUdpAndTcp() throws Exception {
		double callsBefore = activeCalls();
		for (RawSip.Transport transport : RawSip.Transport.values()) {
			try (RawSip stranger = RawSip.open(transport, SIP_PORT, "127.0.0.2", 0);
					RawSip named = RawSip.open(RawSip.Transport.UDP, SIP_PORT, "127.0.0.1", stranger.localPort())) {
				String invite = (SipCorpus.invite("4721", "") + SipCorpus.OFFER).replace(
						"Via: SIP/2.0/{{transport}} {{local}};branch={{branch}}",
						"Via: SIP/2.0/{{transport}} 127.0.0.2:{{local-port}};branch={{branch}};received=127.0.0.1");
				stranger.send(SipCorpus.render(invite, SipCorpus.Peer.fresh(transport, stranger.localPort(), SIP_PORT)));
				RawSip.Message answer = stranger.await(m -> m.status() >= 200, PATIENCE);
				assertThat(answer).as("a final answer over %s", transport).isNotNull();
				assertThat(answer.status()).as("over %s: %s", transport, stranger.received()).isEqualTo(403);
				assertThat(named.received()).as("answers sent to the address the Via named").isEmpty();
			}
		}
		assertThat(activeCalls()).as("no call").isEqualTo(callsBefore);
	}

	@Test
	void aCallBeyondMaxCallsGets503WithRetryAfterAndOneEndingMakesRoom() throws Exception {
		assertThat(awaitTrue(() -> activeCalls() == 0)).as("the calls of the other tests have ended").isTrue();
		double callsBefore = activeCalls();
		List<RawCall> up = new ArrayList<>();
		try {
			for (int i = 0; i < MAX_CALLS; i++) {
				RawCall caller = new RawCall(SIP_PORT, LONG_GREETING);
				up.add(caller);
				assertThat(caller.call("sendrecv").status()).isEqualTo(200);
			}
			try (RawCall refused = new RawCall(SIP_PORT, LONG_GREETING)) {
				refused.sip.send(refused.invite("sendrecv"));
				RawSip.Message answer = refused.sip.await(m -> m.status() >= 200, PATIENCE);
				assertThat(answer).isNotNull();
				assertThat(answer.status()).as("%s", refused.sip.received()).isEqualTo(503);
				assertThat(answer.header("Retry-After")).isNotNull().matches("\\d+.*");
				assertThat(refused.sip.received()).extracting(RawSip.Message::status).doesNotContain(100, 200);
				endTransactions(refused.sip);
			}
			assertThat(up.remove(0).bye().status()).isEqualTo(200);
			assertThat(awaitTrue(() -> activeCalls() == MAX_CALLS - 1)).as("the call ended").isTrue();
			RawCall next = new RawCall(SIP_PORT, LONG_GREETING);
			up.add(next);
			assertThat(next.call("sendrecv").status()).as("room again").isEqualTo(200);
		}
		finally {
			for (RawCall caller : up) {
				caller.bye();
				caller.close();
			}
		}
		assertThat(awaitTrue(() -> activeCalls() == callsBefore)).isTrue();
	}

	@Test
	void cancelForAnUnknownTransactionIs481() throws Exception {
		try (RawSip peer = RawSip.open(RawSip.Transport.UDP, SIP_PORT)) {
			peer.send(request(peer, "CANCEL", "sip:4721@127.0.0.1:" + SIP_PORT, null, "1 CANCEL"));
			RawSip.Message answer = peer.await(m -> m.status() >= 200, PATIENCE);
			assertThat(answer).isNotNull();
			assertThat(answer.status()).isEqualTo(481);
		}
	}

	@Test
	void byeForAnUnknownDialogIs481() throws Exception {
		try (RawSip peer = RawSip.open(RawSip.Transport.UDP, SIP_PORT)) {
			peer.send(request(peer, "BYE", "sip:voxbox@127.0.0.1:" + SIP_PORT, "5eedcafe", "2 BYE"));
			RawSip.Message answer = peer.await(m -> m.status() >= 200, PATIENCE);
			assertThat(answer).isNotNull();
			assertThat(answer.status()).isEqualTo(481);
		}
	}

	@Test
	void aByeFromTheCallerDuringTheGreetingEndsTheCallAndStoresNoMessage() throws Exception {
		double callsBefore = activeCalls();
		int messagesBefore = messages.list(jan).size();
		try (RawCall caller = new RawCall(SIP_PORT, "4721")) {
			caller.call("sendrecv");
			assertThat(caller.awaitPackets(3)).as("RTP of the greeting").isTrue();
			assertThat(activeCalls()).isEqualTo(callsBefore + 1);
			assertThat(caller.bye().status()).isEqualTo(200);
			assertThat(awaitTrue(() -> activeCalls() == callsBefore)).as("the call has ended").isTrue();
			Thread.sleep(1000);
			int afterBye = caller.packets.get();
			Thread.sleep(1500);
			assertThat(caller.packets.get()).as("RTP after the BYE").isEqualTo(afterBye);
		}
		assertThat(messages.list(jan)).hasSize(messagesBefore);
	}

	@Test
	void aStrangerWhoSendsRtpFirstIsNeitherHeardNorSentTheCallsAudio() throws Exception {
		try (RawCall caller = new RawCall(SIP_PORT, LONG_GREETING);
				RtpCounter stranger = new RtpCounter("127.0.0.2", 0)) {
			caller.sip.send(caller.invite("sendrecv"));
			RawSip.Message ok = caller.answer();
			// The stranger guessed the port and is quicker than the caller: RTP before the ACK.
			java.net.InetSocketAddress voxbox = new java.net.InetSocketAddress("127.0.0.1", RawCall.voxboxMediaPort(ok));
			for (int i = 0; i < 5; i++) {
				stranger.socket.send(new java.net.DatagramPacket(rtpPacket(i), 172, voxbox));
			}
			caller.ack(ok);
			assertThat(caller.awaitPackets(50)).as("the caller hears the greeting").isTrue();
			assertThat(stranger.packets.get()).as("RTP sent to the stranger").isZero();
			assertThat(caller.bye().status()).isEqualTo(200);
		}
	}

	@Test
	void anUntrustedCallersSdpCannotAimTheGreetingAtAnotherHost() throws Exception {
		try (RawCall caller = new RawCall(SIP_PORT, LONG_GREETING);
				RtpCounter victim = new RtpCounter("127.0.0.2", caller.rtp.getLocalPort())) {
			caller.mediaHost = "127.0.0.2";
			caller.call("sendrecv");
			assertThat(caller.awaitPackets(50)).as("the greeting goes to where the INVITE came from").isTrue();
			assertThat(victim.packets.get()).as("RTP sent to the host the SDP named").isZero();
			assertThat(caller.bye().status()).isEqualTo(200);
		}
	}

	@Test
	void aReInviteThatMovesTheMediaIsHonoured() throws Exception {
		try (RawCall caller = new RawCall(SIP_PORT, LONG_GREETING); RtpCounter moved = new RtpCounter("127.0.0.1", 0)) {
			RawSip.Message ok = caller.call("sendrecv");
			java.net.InetSocketAddress voxbox = new java.net.InetSocketAddress("127.0.0.1", RawCall.voxboxMediaPort(ok));
			caller.rtp.send(new java.net.DatagramPacket(rtpPacket(0), 172, voxbox)); // latched to the first socket
			assertThat(caller.awaitPackets(10)).isTrue();
			caller.mediaPort = moved.port();
			assertThat(caller.reinvite("sendrecv").status()).isEqualTo(200);
			assertThat(moved.await(50, PATIENCE)).as("the greeting follows the re-INVITE").isTrue();
			assertThat(caller.bye().status()).isEqualTo(200);
		}
	}

	/** A 20 ms PCMU packet of silence with sequence number {@code n}, from a stream of its own (SSRC 0x5eed). */
	private static byte[] rtpPacket(int n) {
		java.nio.ByteBuffer packet = java.nio.ByteBuffer.allocate(172);
		packet.put((byte) 0x80).put((byte) 0).putShort((short) n).putInt(160 * n).putInt(0x5eed);
		while (packet.hasRemaining()) {
			packet.put((byte) 0xFF);
		}
		return packet.array();
	}

	@Test
	void aRetransmittedInviteMakesNoSecondCall() throws Exception {
		double callsBefore = activeCalls();
		try (RawCall caller = new RawCall(SIP_PORT, "4721")) {
			byte[] invite = caller.invite("sendrecv");
			// Back to back, as retransmissions may overtake the first's handling; then once more after the 100.
			for (int i = 0; i < 3; i++) {
				caller.sip.send(invite);
			}
			assertThat(caller.sip.await(m -> m.status() == 100, PATIENCE)).isNotNull();
			caller.sip.send(invite);
			RawSip.Message ok = caller.answer();
			caller.ack(ok);
			assertThat(caller.awaitPackets(3)).as("RTP of the greeting").isTrue();
			Thread.sleep(1000);
			List<RawSip.Message> answers = caller.sip.received();
			assertThat(answers).extracting(RawSip.Message::status).allMatch(s -> s == 100 || s == 200);
			assertThat(answers.stream().filter(m -> m.status() == 200).map(RawSip.Message::toTag).distinct())
				.as("the dialogs answered").containsExactly(caller.toTag);
			assertThat(activeCalls()).isEqualTo(callsBefore + 1);
			assertThat(caller.bye().status()).isEqualTo(200);
			assertThat(awaitTrue(() -> activeCalls() == callsBefore)).as("the one call has ended").isTrue();
		}
	}

	@Test
	void sdpConnectionAddressesMustBeLiterals() {
		assertThat(Sdp.isLiteral("127.0.0.1")).isTrue();
		assertThat(Sdp.isLiteral("0.0.0.0")).isTrue();
		assertThat(Sdp.isLiteral("2001:db8::1")).isTrue();
		assertThat(Sdp.isLiteral("::ffff:192.0.2.1")).isTrue();
		assertThat(Sdp.isLiteral("999.999.999.999")).isFalse();
		assertThat(Sdp.isLiteral("1.2.3")).isFalse();
		assertThat(Sdp.isLiteral("dead.beef.cafe")).isFalse();
		assertThat(Sdp.isLiteral("cafe")).isFalse();
		assertThat(Sdp.isLiteral(":::1")).isFalse();
		assertThat(Sdp.isLiteral("2001:db8::1%eth0")).isFalse();
	}

	/** A request outside any dialog (with a To tag when {@code toTag} is given) from {@code peer}. */
	private static String request(RawSip peer, String method, String uri, @Nullable String toTag, String cseq) {
		String id = UUID.randomUUID().toString();
		return method + " " + uri + " SIP/2.0\r\n"
				+ "Via: SIP/2.0/" + peer.transport() + " 127.0.0.1:" + peer.localPort() + ";branch=z9hG4bK-" + id + "\r\n"
				+ "Max-Forwards: 70\r\n"
				+ "From: <sip:robust@127.0.0.1:" + peer.localPort() + ">;tag=" + id.substring(0, 8) + "\r\n"
				+ "To: <" + uri + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
				+ "Call-ID: " + id + "@127.0.0.1\r\n"
				+ "CSeq: " + cseq + "\r\n"
				+ "Content-Length: 0\r\n\r\n";
	}

	/** The status of the answer to an OPTIONS from a fresh socket, or -1 when none came. */
	private static int options(RawSip.Transport transport) throws Exception {
		try (RawSip peer = RawSip.open(transport, SIP_PORT)) {
			peer.send(request(peer, "OPTIONS", "sip:voicemail@127.0.0.1:" + SIP_PORT, null, "1 OPTIONS"));
			RawSip.Message answer = peer.await(m -> m.status() >= 200, PATIENCE);
			return answer == null ? -1 : answer.status();
		}
	}

	private double activeCalls() {
		return meters.get("voxbox.calls.active").gauge().value();
	}

	private static boolean awaitTrue(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(50);
		}
		return true;
	}

	private static void succeeds(Sipp.Run run) {
		assertThat(run.exitCode()).as(run.output()).isZero();
	}
}
