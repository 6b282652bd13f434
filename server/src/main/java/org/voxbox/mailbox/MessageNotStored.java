package org.voxbox.mailbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A caller's message could not be stored in a person's mailbox (the database refused or failed the write); the
 * message is lost. Published after the failed transaction ended, so a listener writes in a transaction of its own.
 */
public record MessageNotStored(UUID orgId, UUID personId, Instant at, int durationMillis) {
}
