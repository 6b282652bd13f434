package org.voxbox.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque resource ids in the Webex style: the URL-safe Base64 of {@code voxbox:/KIND/uuid}, e.g. a person's
 * id looks like {@code dm94Ym94Oi9QRU9QTEUvN2Fj…}. Inside Voxbox ids are UUIDs; only the edges encode them.
 */
public enum PublicId {

	PEOPLE, ORGANIZATION, TOKEN, AUDIT_EVENT;

	private static final String PREFIX = "voxbox:/";

	public String encode(UUID id) {
		return Base64.getUrlEncoder().withoutPadding()
			.encodeToString((PREFIX + name() + "/" + id).getBytes(StandardCharsets.US_ASCII));
	}

	/** The UUID inside {@code external}, or empty when it is not an id of this kind (never throws). */
	public Optional<UUID> decode(String external) {
		if (external.length() > 128) {
			return Optional.empty();
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(external.replace('+', '-').replace('/', '_')),
					StandardCharsets.US_ASCII);
			String expected = PREFIX + name() + "/";
			if (!text.startsWith(expected)) {
				return Optional.empty();
			}
			UUID id = UUID.fromString(text.substring(expected.length()));
			return encode(id).equals(external.replace('+', '-').replace('/', '_').replace("=", ""))
					? Optional.of(id) : Optional.empty();
		}
		catch (IllegalArgumentException notAnId) {
			return Optional.empty();
		}
	}
}
