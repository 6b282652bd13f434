package org.voxbox.mailbox;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.voxbox.directory.Channel;

/**
 * A person's transfer number (Webex {@code transferToNumber}) was set, changed or cleared, or switched on or off.
 * Published inside the changing transaction. The numbers are those stored, never masked: administrators review
 * them for toll fraud.
 *
 * @param actorId who did it: the person themselves, or an administrator
 */
public record TransferNumberChanged(UUID personId, UUID orgId, UUID actorId, Channel channel, boolean wasEnabled,
		@Nullable String oldNumber, boolean enabled, @Nullable String newNumber) {
}
