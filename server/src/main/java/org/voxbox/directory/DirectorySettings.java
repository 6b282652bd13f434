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
 * @param passwordHashThreads sign-in password hashes (Argon2id, 19 MiB of heap each) that run at once
 * @param passwordHashQueue password hashes that may wait for one of those threads; past this a sign-in is answered
 * 503 with {@code Retry-After} (the portal says it is busy)
 * @param signInFailures failed passwords for one account, within the window, after which its password checks are
 * refused without hashing (429) until the window has passed
 * @param signInAddressFailures the same for one client address (an IPv6 address counts by its /64)
 * @param signInWindowMinutes how long a failure counts, from the account's or address's latest attempt
 * @param signInThrottleEntries accounts, and separately addresses, whose failures are remembered; when full, the
 * least recently used one is forgotten
 */
@ConfigurationProperties("voxbox.directory")
public record DirectorySettings(
		@DefaultValue("") String phoneRegion,
		@DefaultValue("Voxbox") String bootstrapOrganisation,
		@DefaultValue("admin@voxbox.local") String bootstrapAdminEmail,
		@Nullable String bootstrapAdminToken,
		@DefaultValue("12h") Duration sessionLifetime,
		@DefaultValue("2") int passwordHashThreads,
		@DefaultValue("16") int passwordHashQueue,
		@DefaultValue("5") int signInFailures,
		@DefaultValue("20") int signInAddressFailures,
		@DefaultValue("15") int signInWindowMinutes,
		@DefaultValue("100000") int signInThrottleEntries) {

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
		requireRange("password-hash-threads", passwordHashThreads, 1, 64);
		requireRange("password-hash-queue", passwordHashQueue, 1, 10_000);
		requireRange("sign-in-failures", signInFailures, 1, 1000);
		requireRange("sign-in-address-failures", signInAddressFailures, 1, 100_000);
		requireRange("sign-in-window-minutes", signInWindowMinutes, 1, 24 * 60);
		requireRange("sign-in-throttle-entries", signInThrottleEntries, 1, 10_000_000);
	}

	private static void requireRange(String name, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException("voxbox.directory." + name + " must be " + min + "–" + max + ": " + value);
		}
	}
}
