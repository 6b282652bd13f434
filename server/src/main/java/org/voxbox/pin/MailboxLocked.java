package org.voxbox.pin;

import java.util.UUID;

import org.voxbox.directory.Channel;

/** Too many wrong PINs: the person's mailbox refuses every PIN until the PIN is reset. */
public record MailboxLocked(UUID personId, UUID orgId, Channel channel) {
}
