package org.voxbox.mailbox;

import java.util.UUID;

import org.voxbox.directory.Channel;

/** An administrator switched voicemail off for a person. Published inside the changing transaction. */
public record VoicemailDisabled(UUID personId, UUID orgId, UUID actorId, Channel channel) {
}
