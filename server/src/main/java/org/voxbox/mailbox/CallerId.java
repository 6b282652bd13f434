package org.voxbox.mailbox;

import org.jspecify.annotations.Nullable;

/**
 * Who left a message, as the network told us. When the caller asked for privacy, name and number are not kept.
 *
 * @param name display name, at most 100 characters, or null
 * @param number digits or a URI user part, at most 64 characters, or null
 */
public record CallerId(@Nullable String name, @Nullable String number, boolean privacy) {

	public CallerId {
		if (privacy) {
			name = null;
			number = null;
		}
		if (name != null && (name.length() > 100 || name.codePoints().anyMatch(Character::isISOControl))) {
			throw new IllegalArgumentException("caller name must be at most 100 printable characters");
		}
		if (number != null && !number.matches("[+0-9A-Za-z*#._@-]{1,64}")) {
			throw new IllegalArgumentException("caller number must be 1–64 dialable characters: " + number);
		}
	}

	public static CallerId hidden() {
		return new CallerId(null, null, true);
	}
}
