package org.voxbox.pin;

import java.util.UUID;

import org.voxbox.directory.Channel;

/** A locked mailbox was unlocked by a new PIN set by its owner or by an administrator. */
public record MailboxUnlocked(UUID personId, UUID orgId, UUID actorId, Channel channel) {
}
