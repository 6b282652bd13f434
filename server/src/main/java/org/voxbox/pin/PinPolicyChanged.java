package org.voxbox.pin;

import java.util.UUID;

import org.voxbox.directory.Channel;

/**
 * An administrator changed the organisation's PIN policy. Published inside the changing transaction, only when a
 * setting changed. Names only the settings that changed, as {@code name=value; …}; a new default PIN appears as
 * {@code defaultPin=replaced}, never its digits.
 *
 * @param before the changed settings as they were, at most 400 characters
 * @param after the same settings now
 */
public record PinPolicyChanged(UUID orgId, UUID actorId, Channel channel, String before, String after) {
}
