package org.voxbox.telephony;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Malformed and hostile SIP messages for {@link SipRobustnessTest}: the files under {@code sip-corpus/} (each
 * one message, after {@code #} lines saying what it is and what Voxbox may answer) and a few made here because
 * they are too large, binary, or cut from another. Messages are templates with {@code {{…}}} variables for the
 * sending peer's address, fresh identifiers and the body's length; lines end in CRLF once rendered.
 */
final class SipCorpus {

	/** What a case may get back: status codes, or {@code dropped} for no answer at all. */
	static final String DROPPED = "dropped";

	private SipCorpus() {
	}

	/** Where a case is sent from, and its fresh identifiers. */
	record Peer(RawSip.Transport transport, int localPort, int serverPort, String branch, String callId, String tag) {

		static Peer fresh(RawSip.Transport transport, int localPort, int serverPort) {
			String random = Long.toHexString(new java.util.Random().nextLong() & Long.MAX_VALUE);
			return new Peer(transport, localPort, serverPort, "z9hG4bK-corpus-" + random, "corpus-" + random + "@127.0.0.1",
					random.substring(0, Math.min(8, random.length())));
		}
	}

	/** One message, the outcomes allowed for it over each transport, and how to render it for a peer. */
	record Case(String name, String description, Map<RawSip.Transport, Set<String>> expected, Function<Peer, byte[]> render) {

		Set<String> expected(RawSip.Transport transport) {
			return expected.get(transport);
		}
	}

	/** Every case: the files first (by name), then the ones made here. */
	static List<Case> all() throws IOException {
		List<Case> cases = new ArrayList<>();
		Path dir;
		try {
			dir = Path.of(java.util.Objects.requireNonNull(SipCorpus.class.getResource("/sip-corpus")).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IOException(ex);
		}
		try (var files = Files.list(dir)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".sip")).sorted(Comparator.naturalOrder()).toList()) {
				cases.add(file(file));
			}
		}
		cases.addAll(made());
		return cases;
	}

	private static Case file(Path file) throws IOException {
		String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
		StringBuilder description = new StringBuilder();
		Set<String> both = null;
		Set<String> udp = null;
		Set<String> tcp = null;
		int start = 0;
		while (text.startsWith("#", start)) {
			int end = text.indexOf('\n', start);
			String line = text.substring(start + 1, end).strip();
			start = end + 1;
			if (line.startsWith("expect:")) {
				both = outcomes(line.substring(7));
			}
			else if (line.startsWith("expect-udp:")) {
				udp = outcomes(line.substring(11));
			}
			else if (line.startsWith("expect-tcp:")) {
				tcp = outcomes(line.substring(11));
			}
			else {
				description.append(description.length() == 0 ? "" : " ").append(line);
			}
		}
		if (both == null) {
			throw new IllegalStateException(file + " says nothing about what to expect");
		}
		String template = text.substring(start);
		String name = file.getFileName().toString().replaceAll("\\.sip$", "");
		return new Case(name, description.toString(), expect(udp != null ? udp : both, tcp != null ? tcp : both),
				peer -> render(template, peer));
	}

	private static Set<String> outcomes(String text) {
		return new LinkedHashSet<>(Arrays.asList(text.strip().split("\\s+")));
	}

	private static Map<RawSip.Transport, Set<String>> expect(Set<String> udp, Set<String> tcp) {
		Map<RawSip.Transport, Set<String>> expected = new EnumMap<>(RawSip.Transport.class);
		expected.put(RawSip.Transport.UDP, udp);
		expected.put(RawSip.Transport.TCP, tcp);
		return expected;
	}

	private static Map<RawSip.Transport, Set<String>> expect(String outcomes) {
		return expect(outcomes(outcomes), outcomes(outcomes));
	}

	/**
	 * The template with CRLF line ends and its variables filled in; {@code {{length}}} becomes the length of
	 * what follows the first empty line. Characters are bytes (ISO-8859-1), so templates may hold any byte.
	 */
	static byte[] render(String template, Peer peer) {
		String text = template.replace("\r\n", "\n").replace("\n", "\r\n")
			.replace("{{transport}}", peer.transport().name())
			.replace("{{local}}", "127.0.0.1:" + peer.localPort())
			.replace("{{local-port}}", String.valueOf(peer.localPort()))
			.replace("{{server}}", "127.0.0.1:" + peer.serverPort())
			.replace("{{branch}}", peer.branch())
			.replace("{{callid}}", peer.callId())
			.replace("{{tag}}", peer.tag());
		int blank = text.indexOf("\r\n\r\n");
		int length = blank < 0 ? 0 : text.length() - blank - 4;
		return text.replace("{{length}}", String.valueOf(length)).getBytes(StandardCharsets.ISO_8859_1);
	}

	/** A good offer: PCMU, PCMA and telephone-events, at a port nothing listens on. */
	static final String OFFER = """
			v=0
			o=corpus 1 1 IN IP4 127.0.0.1
			s=-
			c=IN IP4 127.0.0.1
			t=0 0
			m=audio 9 RTP/AVP 0 8 101
			a=rtpmap:101 telephone-event/8000
			""";

	/** An INVITE template to {@code user} with {@code extra} header lines before Content-Type. */
	static String invite(String user, String extra) {
		return "INVITE sip:" + user + "@{{server}} SIP/2.0\n"
				+ "Via: SIP/2.0/{{transport}} {{local}};branch={{branch}}\n"
				+ "Max-Forwards: 70\n"
				+ "From: \"Corpus\" <sip:corpus@{{local}}>;tag={{tag}}\n"
				+ "To: <sip:" + user + "@{{server}}>\n"
				+ "Call-ID: {{callid}}\n"
				+ "CSeq: 1 INVITE\n"
				+ "Contact: <sip:corpus@{{local}};transport={{transport}}>\n"
				+ extra
				+ "Content-Type: application/sdp\n"
				+ "Content-Length: {{length}}\n"
				+ "\n";
	}

	/** The largest datagram UDP over IPv4 carries. */
	static final int MAX_DATAGRAM = 65_507;

	private static List<Case> made() {
		List<Case> cases = new ArrayList<>();
		cases.add(new Case("sdp-over-64k",
				"An INVITE to a mailbox whose offer is a good one padded with a=x-pad lines: 70,000 bytes over TCP, "
						+ "over UDP as many as fill the largest datagram (about 65,000)",
				expect(outcomes("488 400"), outcomes("488 400 dropped")), peer -> {
					String head = invite("4721", "");
					// The body's exact size: over UDP what is left of the largest datagram once the head says its
					// five-digit length.
					int size = peer.transport() == RawSip.Transport.TCP ? 70_000
							: MAX_DATAGRAM - render(head, peer).length - 4;
					StringBuilder body = new StringBuilder(OFFER.replace("\n", "\r\n"));
					while (size - body.length() > 200) {
						body.append("a=x-pad:").append("p".repeat(90)).append("\r\n");
					}
					body.append("a=x-end:").append("e".repeat(size - body.length() - 10)).append("\r\n");
					byte[] message = render(head + body, peer);
					if (peer.transport() == RawSip.Transport.UDP && message.length > MAX_DATAGRAM) {
						throw new IllegalStateException("datagram too large: " + message.length);
					}
					return message;
				}));
		cases.add(new Case("header-60k",
				"An INVITE to a mailbox with a good offer and a 60 KB Diversion header naming an unknown number",
				expect("404 400 dropped"), peer -> render(invite("4721",
						"Diversion: <sip:9999@127.0.0.1>;reason=no-answer;x-pad=" + "x".repeat(60 * 1024) + "\n") + OFFER,
						peer)));
		cases.add(new Case("two-thousand-headers", "An INVITE with a good offer to an unknown number, with 2000 headers",
				expect("404 400 dropped"), peer -> {
					StringBuilder extra = new StringBuilder();
					for (int i = 0; i < 2000; i++) {
						extra.append("X-Hostile-").append(i).append(": ").append(i).append('\n');
					}
					return render(invite("9999", extra.toString()) + OFFER, peer);
				}));
		cases.add(new Case("non-utf8-request-uri", "An INVITE with a good offer to a Request-URI user with bytes FF FE in it",
				expect("400 404 dropped"),
				peer -> render(invite("4721", "").replace("INVITE sip:4721@", "INVITE sip:47\u00ff\u00fe21@") + OFFER, peer)));
		cases.add(new Case("non-utf8-display-name",
				"An INVITE with a good offer to an unknown number, its From display name not UTF-8 (C3 28 A0 A1)",
				expect("400 404 dropped"),
				peer -> render(invite("9999", "").replace("\"Corpus\"", "\"\u00c3\u0028\u00a0\u00a1\"") + OFFER, peer)));
		cases.add(new Case("non-utf8-call-id-bye", "A BYE whose Call-ID holds the bytes FF FE FD", expect("481 400 dropped"),
				peer -> render("""
						BYE sip:voxbox@{{server}} SIP/2.0
						Via: SIP/2.0/{{transport}} {{local}};branch={{branch}}
						Max-Forwards: 70
						From: <sip:corpus@{{local}}>;tag={{tag}}
						To: <sip:4721@{{server}}>;tag=0badcafe
						Call-ID: \u00ff\u00fe\u00fd{{callid}}
						CSeq: 2 BYE
						Content-Length: 0

						""", peer)));
		cases.add(new Case("nul-in-request-line", "An OPTIONS whose method has a NUL byte in it", expect("400 dropped"),
				peer -> render("""
						OPT\u0000IONS sip:voicemail@{{server}} SIP/2.0
						Via: SIP/2.0/{{transport}} {{local}};branch={{branch}}
						Max-Forwards: 70
						From: <sip:corpus@{{local}}>;tag={{tag}}
						To: <sip:voicemail@{{server}}>
						Call-ID: {{callid}}
						CSeq: 1 OPTIONS
						Content-Length: 0

						""", peer)));
		cases.add(new Case("nul-in-headers",
				"An INVITE with a good offer to an unknown number, with NUL bytes in Subject and Call-ID",
				expect("400 404 dropped"), peer -> render(invite("9999", "Subject: a\u0000\u0000b\n")
					.replace("Call-ID: {{callid}}", "Call-ID: {{callid}}\u0000x") + OFFER, peer)));
		cases.add(new Case("nul-in-sdp",
				"An INVITE to a mailbox whose good offer is followed by NUL bytes up to its Content-Length, as the stack "
						+ "pads a body its TCP read timeout cut off",
				expect("400"), peer -> render(invite("4721", "") + OFFER + "\u0000".repeat(64), peer)));
		cases.add(new Case("nul-bytes-only", "A message of 1000 NUL bytes", expect(DROPPED + " 400"),
				peer -> new byte[1000]));
		cases.add(new Case("keep-alive", "Not hostile: a keep-alive, CRLF CRLF (RFC 5626), which gets no SIP answer",
				expect(DROPPED), peer -> "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
		cases.add(new Case("torn-invite",
				"The first half of a good INVITE to a mailbox (a datagram torn in two, or a stream that stops)",
				expect("400 dropped"), peer -> {
					byte[] whole = render(invite("4721", "") + OFFER, peer);
					return Arrays.copyOf(whole, whole.length / 2);
				}));
		return cases;
	}
}
