package org.voxbox.directory;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person of an organisation, as other modules see them.
 *
 * @param phoneE164 the phone number in E.164 form, or null
 * @param extension digits only, or null
 */
public record Person(UUID id, UUID orgId, String firstName, String lastName, String email, @Nullable String phoneE164,
		@Nullable String extension, Locale language, Role role, Instant created) {

	public String displayName() {
		return (firstName + " " + lastName).strip();
	}
}
