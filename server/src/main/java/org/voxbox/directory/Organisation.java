package org.voxbox.directory;

import java.time.Instant;
import java.util.UUID;

/**
 * An organisation: its people, and (in the {@code pin} module) its PIN policy.
 *
 * @param government government organisations keep a deeper PIN history by default
 */
public record Organisation(UUID id, String name, boolean government, Instant created) {
}
