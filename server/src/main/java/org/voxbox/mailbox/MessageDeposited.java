package org.voxbox.mailbox;

import java.time.Instant;
import java.util.UUID;

/** A caller left a message in a person's mailbox. Published in the storing transaction; carries no audio. */
public record MessageDeposited(UUID messageId, UUID personId, Instant received, int durationMillis, boolean urgent) {
}
