package org.voxbox.telephony;

import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller over UDP with a dialog of its own: INVITE, ACK, re-INVITEs and BYE, written out by hand, and a
 * socket that counts the RTP packets Voxbox sends it.
 */
final class RawCall implements AutoCloseable {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	final RawSip sip;

	/** The caller's RTP socket (127.0.0.1), counting what Voxbox sends it. */
	final RtpCounter media;

	final DatagramSocket rtp;

	final AtomicInteger packets;

	/** The {@code c=} host and {@code m=} port the INVITEs offer: the caller's own socket unless a test says. */
	String mediaHost = "127.0.0.1";

	int mediaPort;

	private final int sipPort;

	private final String user;

	private final String callId = "robust-" + UUID.randomUUID() + "@127.0.0.1";

	private final String fromTag = Long.toHexString(System.nanoTime());

	private final String branch = "z9hG4bK-" + UUID.randomUUID();

	private int cseq = 1;

	@Nullable String toTag;

	private String target = "";

	private RawSip.@Nullable Message answered;

	RawCall(int sipPort, String user) throws IOException {
		this.sipPort = sipPort;
		this.user = user;
		this.sip = RawSip.open(RawSip.Transport.UDP, sipPort);
		this.media = new RtpCounter("127.0.0.1", 0);
		this.rtp = media.socket;
		this.packets = media.packets;
		this.mediaPort = rtp.getLocalPort();
	}

	/** The first INVITE (the same bytes each time: a retransmission), offering PCMU in {@code direction}. */
	byte[] invite(String direction) {
		return SipCorpus.render(inviteText(branch, 1, direction), peer());
	}

	private String inviteText(String viaBranch, int sequence, String direction) {
		String to = "<sip:" + user + "@{{server}}>" + (toTag == null ? "" : ";tag=" + toTag);
		return (toTag == null ? "INVITE sip:" + user + "@{{server}}" : "INVITE " + target) + " SIP/2.0\n"
				+ "Via: SIP/2.0/UDP {{local}};branch=" + viaBranch + "\n"
				+ "Max-Forwards: 70\n"
				+ "From: \"Robust\" <sip:0612345678@{{local}}>;tag=" + fromTag + "\n"
				+ "To: " + to + "\n"
				+ "Call-ID: " + callId + "\n"
				+ "CSeq: " + sequence + " INVITE\n"
				+ "Contact: <sip:robust@{{local}}>\n"
				+ "Content-Type: application/sdp\n"
				+ "Content-Length: {{length}}\n"
				+ "\n"
				+ "v=0\n"
				+ "o=robust " + sequence + " " + sequence + " IN IP4 127.0.0.1\n"
				+ "s=-\n"
				+ "c=IN IP4 " + mediaHost + "\n"
				+ "t=0 0\n"
				+ "m=audio " + mediaPort + " RTP/AVP 0 101\n"
				+ "a=rtpmap:0 PCMU/8000\n"
				+ "a=rtpmap:101 telephone-event/8000\n"
				+ "a=" + direction + "\n";
	}

	private SipCorpus.Peer peer() {
		return new SipCorpus.Peer(RawSip.Transport.UDP, sip.localPort(), sipPort, branch, callId, fromTag);
	}

	/** Calls, waits for the 200 and ACKs it. */
	RawSip.Message call(String direction) throws Exception {
		sip.send(invite(direction));
		RawSip.Message ok = answer();
		ack(ok);
		return ok;
	}

	/** The 200 to the first INVITE; remembers the dialog's tag and Voxbox's Contact. */
	RawSip.Message answer() throws InterruptedException {
		RawSip.Message ok = finalAnswer(1, "INVITE");
		assertThat(ok.status()).as("answer to the INVITE").isEqualTo(200);
		toTag = ok.toTag();
		assertThat(toTag).isNotNull();
		String contact = String.valueOf(ok.header("Contact"));
		target = contact.replaceAll("^.*<([^>]*)>.*$", "$1");
		answered = ok;
		return ok;
	}

	void ack(RawSip.Message ok) throws IOException {
		String sequence = String.valueOf(ok.header("CSeq")).strip().split("\\s+")[0];
		sip.send(SipCorpus.render(inDialog("ACK", Integer.parseInt(sequence)), peer()));
	}

	/** A re-INVITE offering {@code direction}; returns its final answer, ACKed. */
	RawSip.Message reinvite(String direction) throws Exception {
		int sequence = ++cseq;
		sip.send(SipCorpus.render(inviteText("z9hG4bK-" + UUID.randomUUID(), sequence, direction), peer()));
		RawSip.Message answer = finalAnswer(sequence, "INVITE");
		ack(answer);
		return answer;
	}

	RawSip.Message bye() throws Exception {
		int sequence = ++cseq;
		sip.send(SipCorpus.render(inDialog("BYE", sequence), peer()));
		return finalAnswer(sequence, "BYE");
	}

	private String inDialog(String method, int sequence) {
		return method + " " + target + " SIP/2.0\n"
				+ "Via: SIP/2.0/UDP {{local}};branch=z9hG4bK-" + UUID.randomUUID() + "\n"
				+ "Max-Forwards: 70\n"
				+ "From: \"Robust\" <sip:0612345678@{{local}}>;tag=" + fromTag + "\n"
				+ "To: <sip:" + user + "@{{server}}>;tag=" + toTag + "\n"
				+ "Call-ID: " + callId + "\n"
				+ "CSeq: " + sequence + " " + method + "\n"
				+ "Content-Length: 0\n"
				+ "\n";
	}

	private RawSip.Message finalAnswer(int sequence, String method) throws InterruptedException {
		RawSip.Message answer = sip.await(m -> m.status() >= 200
				&& String.valueOf(m.header("CSeq")).strip().equals(sequence + " " + method), PATIENCE);
		assertThat(answer).as("final answer to %s %d", method, sequence).isNotNull();
		return answer;
	}

	boolean awaitPackets(int count) {
		return media.await(count, PATIENCE);
	}

	/** The port Voxbox receives this call's RTP on, once it answered. */
	int voxboxMediaPort() {
		assertThat(answered).as("the call was answered").isNotNull();
		return voxboxMediaPort(java.util.Objects.requireNonNull(answered));
	}

	/** The port Voxbox receives this call's RTP on, from the SDP of its answer. */
	static int voxboxMediaPort(RawSip.Message ok) {
		java.util.regex.Matcher port = java.util.regex.Pattern.compile("m=audio (\\d+) ").matcher(ok.bodyText());
		assertThat(port.find()).as("an audio port in the answer: %s", ok.bodyText()).isTrue();
		return Integer.parseInt(port.group(1));
	}

	@Override
	public void close() throws IOException {
		sip.close();
		media.close();
	}
}
