package org.voxbox.directory;

import java.util.UUID;

/** An administrator removed a person from the organisation. Published inside the deleting transaction. */
public record PersonDeleted(UUID personId, UUID orgId, UUID actorId, Channel channel) {
}
