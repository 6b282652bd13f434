package org.voxbox.telephony;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.sip.SipFactory;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link SipScreening} refuses before a request is handled, on requests made by the stack's own parser: the
 * cases that a corpus run over sockets meets only by timing.
 */
class SipScreeningTest {

	private static final String OFFER = "v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
			+ "m=audio 9 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

	@Test
	void aBodyPaddedWithNulsUpToItsContentLengthIsRefusedWith400() throws Exception {
		// What the stack hands on when a TCP peer stops mid-body: the bytes that came, then NULs to the declared length.
		byte[] sent = OFFER.getBytes(StandardCharsets.US_ASCII);
		Request request = invite(Arrays.copyOf(sent, sent.length + 9000));

		SipScreening.Refusal refusal = SipScreening.check(request, false);

		assertThat(refusal).isNotNull();
		assertThat(refusal.status()).isEqualTo(400);
	}

	@Test
	void aNulAnywhereInTheOfferIsRefusedWith400() throws Exception {
		Request request = invite(OFFER.replace("s=-", "s=\u0000").getBytes(StandardCharsets.ISO_8859_1));

		assertThat(SipScreening.check(request, false)).extracting(SipScreening.Refusal::status).isEqualTo(400);
	}

	@Test
	void aWholeOfferPasses() throws Exception {
		assertThat(SipScreening.check(invite(OFFER.getBytes(StandardCharsets.US_ASCII)), false)).isNull();
	}

	private static Request invite(byte[] body) throws Exception {
		String head = "INVITE sip:4721@127.0.0.1:5060 SIP/2.0\r\n"
				+ "Via: SIP/2.0/TCP 127.0.0.1:40000;branch=z9hG4bK-screening\r\n"
				+ "Max-Forwards: 70\r\n"
				+ "From: <sip:test@127.0.0.1:40000>;tag=1\r\n"
				+ "To: <sip:4721@127.0.0.1:5060>\r\n"
				+ "Call-ID: screening@127.0.0.1\r\n"
				+ "CSeq: 1 INVITE\r\n"
				+ "Contact: <sip:test@127.0.0.1:40000;transport=tcp>\r\n"
				+ "Content-Type: application/sdp\r\n"
				+ "Content-Length: 0\r\n\r\n";
		Request request = SipFactory.getInstance().createMessageFactory().createRequest(head);
		// setContent sets Content-Length to the body's length, as the stack's TCP reader leaves it
		request.setContent(body, (javax.sip.header.ContentTypeHeader) request.getHeader("Content-Type"));
		return request;
	}
}
