package org.voxbox.directory;

import java.util.UUID;

/**
 * An administrator issued an API token for another person of their organisation (tokens people issue for
 * themselves are not announced). Published inside the issuing transaction.
 */
public record TokenIssued(UUID personId, UUID orgId, UUID actorId, Channel channel) {
}
