package org.voxbox.directory;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A person as the API receives it (Webex field names; {@code language} and {@code role} are Voxbox
 * extensions). Every field may be missing: {@link PersonAdministration} checks them all and reports every
 * problem at once.
 */
record PersonInput(@Nullable List<String> emails, @Nullable String firstName, @Nullable String lastName,
		@Nullable List<PhoneNumber> phoneNumbers, @Nullable String extension, @Nullable String language,
		@Nullable String role) {

	/** A Webex phone number entry; {@code type} is informational ({@code work}). */
	record PhoneNumber(@Nullable String type, @Nullable String value) {
	}
}
