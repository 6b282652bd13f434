package org.voxbox.directory;

import java.util.UUID;

/**
 * An administrator gave a person a temporary sign-in password (to be changed at the next sign-in); the person's
 * portal sessions end. Published inside the changing transaction.
 */
public record PasswordReset(UUID personId, UUID orgId, UUID actorId, Channel channel) {
}
