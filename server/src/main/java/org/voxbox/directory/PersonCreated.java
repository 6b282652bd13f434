package org.voxbox.directory;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person was added to an organisation. Published inside the creating transaction.
 *
 * @param actorId the administrator who added them, or null when the system did (the first start)
 */
public record PersonCreated(UUID personId, UUID orgId, @Nullable UUID actorId, Channel channel) {
}
