package org.voxbox.pin;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.voxbox.directory.Organisations;
import org.voxbox.pinpolicy.PinPolicy;
import org.voxbox.pinpolicy.PinRule;

/**
 * Each organisation's PIN policy. An organisation without a stored policy has the defaults; the history depth
 * follows the system setting for its kind (10, or 24 for government) unless the organisation overrides it.
 */
@Repository
class PinPolicies {

	private final JdbcClient jdbc;

	private final Organisations organisations;

	private final PinSettings settings;

	private final Clock clock;

	PinPolicies(JdbcClient jdbc, Organisations organisations, PinSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.settings = settings;
		this.clock = clock;
	}

	/** An organisation's policy as stored, with what is derived from system settings. */
	record Stored(PinPolicy policy, @Nullable Integer historyOverride, boolean government, boolean defaultPinEnabled,
			@Nullable String defaultPinVerifier) {

		/** The organisation default PIN's verifier, when that PIN is switched on. */
		Optional<String> defaultPin() {
			return defaultPinEnabled && defaultPinVerifier != null ? Optional.of(defaultPinVerifier) : Optional.empty();
		}
	}

	int systemHistoryDepth(boolean government) {
		return government ? settings.governmentHistoryDepth() : settings.defaultHistoryDepth();
	}

	PinPolicy policy(UUID orgId) {
		return load(orgId).policy();
	}

	Stored load(UUID orgId) {
		boolean government = organisations.get(orgId).government();
		int systemDepth = systemHistoryDepth(government);
		return jdbc.sql("SELECT * FROM pin_policy WHERE org_id = :org")
			.param("org", orgId.toString())
			.query((rs, n) -> {
				Integer override = (Integer) rs.getObject("history_depth") == null ? null : rs.getInt("history_depth");
				Set<PinRule> rules = EnumSet.noneOf(PinRule.class);
				Arrays.stream(rs.getString("enabled_rules").split(","))
					.filter(s -> !s.isBlank())
					.forEach(s -> rules.add(PinRule.valueOf(s)));
				PinPolicy policy = new PinPolicy(rs.getInt("min_length"), rs.getInt("max_length"),
						override == null ? systemDepth : override, rs.getInt("max_repeated_digit"), rules,
						rs.getInt("min_distinct_digits"), rs.getInt("max_ascending_run"), rs.getInt("max_descending_run"),
						rs.getInt("min_days_between_changes"), rs.getBoolean("expiry_enabled"), rs.getInt("expiry_days"),
						rs.getBoolean("lockout_enabled"), rs.getInt("max_failed_attempts"));
				return new Stored(policy, override, government, rs.getBoolean("default_pin_enabled"),
						rs.getString("default_pin_verifier"));
			})
			.optional()
			.orElseGet(() -> new Stored(PinPolicy.defaults().withHistoryDepth(systemDepth), null, government, false, null));
	}

	void save(UUID orgId, PinPolicy policy, @Nullable Integer historyOverride, boolean defaultPinEnabled,
			@Nullable String defaultPinVerifier) {
		String rules = policy.enabledRules().stream().map(PinRule::name).sorted().collect(Collectors.joining(","));
		var params = new java.util.HashMap<String, Object>();
		params.put("org", orgId.toString());
		params.put("minLength", policy.minLength());
		params.put("maxLength", policy.maxLength());
		params.put("history", historyOverride);
		params.put("maxRepeated", policy.maxRepeatedDigit());
		params.put("rules", rules);
		params.put("minDistinct", policy.minDistinctDigits());
		params.put("asc", policy.maxAscendingRun());
		params.put("desc", policy.maxDescendingRun());
		params.put("minDays", policy.minDaysBetweenChanges());
		params.put("expiry", policy.expiryEnabled());
		params.put("expiryDays", policy.expiryDays());
		params.put("lockout", policy.lockoutEnabled());
		params.put("attempts", policy.maxFailedAttempts());
		params.put("defaultEnabled", defaultPinEnabled);
		params.put("defaultVerifier", defaultPinVerifier);
		params.put("now", clock.millis());
		int updated = jdbc.sql("""
				UPDATE pin_policy SET min_length = :minLength, max_length = :maxLength, history_depth = :history,
				       max_repeated_digit = :maxRepeated, enabled_rules = :rules, min_distinct_digits = :minDistinct,
				       max_ascending_run = :asc, max_descending_run = :desc, min_days_between_changes = :minDays,
				       expiry_enabled = :expiry, expiry_days = :expiryDays, lockout_enabled = :lockout,
				       max_failed_attempts = :attempts, default_pin_enabled = :defaultEnabled,
				       default_pin_verifier = :defaultVerifier, updated_at = :now
				 WHERE org_id = :org
				""").params(params).update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO pin_policy (org_id, min_length, max_length, history_depth, max_repeated_digit, enabled_rules,
					       min_distinct_digits, max_ascending_run, max_descending_run, min_days_between_changes,
					       expiry_enabled, expiry_days, lockout_enabled, max_failed_attempts, default_pin_enabled,
					       default_pin_verifier, updated_at)
					VALUES (:org, :minLength, :maxLength, :history, :maxRepeated, :rules, :minDistinct, :asc, :desc, :minDays,
					       :expiry, :expiryDays, :lockout, :attempts, :defaultEnabled, :defaultVerifier, :now)
					""").params(params).update();
		}
	}
}
