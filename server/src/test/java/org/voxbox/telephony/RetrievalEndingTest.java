package org.voxbox.telephony;

import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.voxbox.media.G711;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voxbox.telephony.Conversation.hear;

/**
 * How a call to the voicemail pilot ends when the caller stops pressing keys: with words and a BYE from Voxbox,
 * never with silence. Real calls (sipp and the test's own RTP socket, see {@link Conversation}) to a context of
 * its own, whose idle limit is 2 s (the other SIP tests' scripts pause for longer than that).
 */
@Tag("sip")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RetrievalEndingTest {

	private static final String TOKEN = "retrieval-ending-test-admin-token-0123456789";

	private static final int SIP_PORT = SipTestContext.freeSipPort();

	@DynamicPropertySource
	static void sip(DynamicPropertyRegistry registry) throws Exception {
		SipTestContext.register(registry, "retrieval-ending-test", TOKEN, SIP_PORT, 27000);
		registry.add("voxbox.sip.retrieval-idle-seconds", () -> 2);
	}

	@Autowired
	Prompts prompts;

	@Test
	void aCallerWhoPressesNoKeyHearsGoodbyeAndIsHungUpOn() throws Exception {
		byte[] ask = prompt("enter_mailbox");
		byte[] goodbye = prompt("goodbye");
		// Conversation.call returns once sipp has received Voxbox's BYE (and fails when it does not come).
		byte[] heard = Conversation.call(SIP_PORT, "voicemail", hear(ask, "the mailbox prompt"),
				hear(goodbye, "goodbye"));
		assertThat(heard).as("the prompt, then goodbye, and nothing else").isEqualTo(Playback.concat(ask, goodbye));
	}

	private byte[] prompt(String name) {
		return prompts.get(Locale.ENGLISH, name, G711.ALAW);
	}
}
