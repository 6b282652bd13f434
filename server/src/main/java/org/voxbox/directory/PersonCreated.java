package org.voxbox.directory;

import java.util.UUID;

/** A person was added to an organisation. Published inside the creating transaction. */
public record PersonCreated(UUID personId, UUID orgId) {
}
