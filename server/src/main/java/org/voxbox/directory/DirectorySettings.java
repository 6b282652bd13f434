package org.voxbox.directory;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Directory settings ({@code voxbox.directory.*}).
 *
 * @param phoneRegion ISO 3166 region for phone numbers given in national form (e.g. {@code NL}); empty means
 * numbers must be international ({@code +…})
 * @param bootstrapOrganisation name of the organisation created on first start
 * @param bootstrapAdminEmail email of the administrator created on first start
 * @param bootstrapAdminToken when set on first start, this value becomes the administrator's API token
 * ({@code VOXBOX_BOOTSTRAP_ADMIN_TOKEN}); otherwise a one-time password is printed to the console
 * @param sessionLifetime how long a portal session lasts at most after its sign-in, however active (the idle
 * timeout is {@code server.servlet.session.timeout}); 1 minute to 30 days
 */
@ConfigurationProperties("voxbox.directory")
public record DirectorySettings(
		@DefaultValue("") String phoneRegion,
		@DefaultValue("Voxbox") String bootstrapOrganisation,
		@DefaultValue("admin@voxbox.local") String bootstrapAdminEmail,
		@Nullable String bootstrapAdminToken,
		@DefaultValue("12h") Duration sessionLifetime) {

	public DirectorySettings {
		if (!phoneRegion.isEmpty() && !phoneRegion.matches("[A-Z]{2}")) {
			throw new IllegalArgumentException("voxbox.directory.phone-region must be a two-letter region code: " + phoneRegion);
		}
		if (bootstrapOrganisation.isBlank() || bootstrapOrganisation.length() > 200
				|| bootstrapOrganisation.codePoints().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException("voxbox.directory.bootstrap-organisation must be 1–200 printable characters");
		}
		if (bootstrapAdminEmail.length() > 320
				|| !bootstrapAdminEmail.matches("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,255}")) {
			throw new IllegalArgumentException("voxbox.directory.bootstrap-admin-email must be an e-mail address: "
					+ bootstrapAdminEmail);
		}
		if (bootstrapAdminToken != null && !bootstrapAdminToken.isEmpty() && bootstrapAdminToken.length() < 16) {
			throw new IllegalArgumentException("VOXBOX_BOOTSTRAP_ADMIN_TOKEN must be at least 16 characters");
		}
		if (sessionLifetime.compareTo(Duration.ofMinutes(1)) < 0 || sessionLifetime.compareTo(Duration.ofDays(30)) > 0) {
			throw new IllegalArgumentException("voxbox.directory.session-lifetime must be 1m to 30d: " + sessionLifetime);
		}
	}
}
