package org.voxbox.directory;

import java.util.UUID;

/** An administrator made a person an administrator or a user. Published inside the changing transaction. */
public record RoleChanged(UUID personId, UUID orgId, UUID actorId, Channel channel, Role before, Role after) {
}
