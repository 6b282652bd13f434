package org.voxbox.mailbox;

import java.util.UUID;

import org.voxbox.directory.Channel;

/**
 * An administrator changed the organisation's transfer destinations. Published inside the changing transaction.
 *
 * @param before the policy before, in one line of at most 400 characters
 * @param after the policy now, likewise
 */
public record TransferPolicyChanged(UUID orgId, UUID actorId, Channel channel, String before, String after) {
}
