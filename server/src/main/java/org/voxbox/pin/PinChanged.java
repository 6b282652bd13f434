package org.voxbox.pin;

import java.util.UUID;

import org.voxbox.directory.Channel;

/**
 * A person's PIN was replaced. Published inside the changing transaction; carries no PIN.
 *
 * @param actorId who did it: the person themselves, or an administrator
 * @param kind how: set by the owner, set by an administrator, or reset by an administrator
 */
public record PinChanged(UUID personId, UUID orgId, UUID actorId, Channel channel, Kind kind) {

	public enum Kind {
		SET_BY_OWNER, SET_BY_ADMIN, RESET
	}
}
