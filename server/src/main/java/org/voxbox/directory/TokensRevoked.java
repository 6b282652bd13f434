package org.voxbox.directory;

import java.util.UUID;

/**
 * An administrator revoked every API token of another person of their organisation. Published inside the revoking
 * transaction.
 */
public record TokensRevoked(UUID personId, UUID orgId, UUID actorId, Channel channel) {
}
