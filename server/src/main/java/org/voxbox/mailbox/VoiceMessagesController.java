package org.voxbox.mailbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.voxbox.directory.Caller;

/**
 * The caller's own voice messages at the Webex paths ({@code /v1/telephony/voiceMessages/…} and the user-scoped
 * {@code /v1/telephony/voiceMessages/members/me/…}). So far the summary, which the phone menu's counts agree with.
 */
@RestController
@Tag(name = "Voice messages")
class VoiceMessagesController {

	private final VoiceMessages messages;

	VoiceMessagesController(VoiceMessages messages) {
		this.messages = messages;
	}

	@GetMapping(path = { "/v1/telephony/voiceMessages/summary", "/v1/telephony/voiceMessages/members/me/summary" },
			produces = "application/json")
	@Operation(summary = "How many new and old (heard) messages, and urgent ones of each, the caller's mailbox holds")
	VoiceMessages.Summary summary(@AuthenticationPrincipal Caller caller) {
		return messages.summary(caller.personId());
	}
}
