package org.voxbox.mailbox;

import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each organisation's transfer policy; an organisation without a stored one has {@link TransferPolicy#defaults()}. */
@Repository
class TransferPolicies {

	private final JdbcClient jdbc;

	private final Clock clock;

	TransferPolicies(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	TransferPolicy load(UUID orgId) {
		return jdbc.sql("SELECT national_numbers, allowed_prefixes FROM transfer_policy WHERE org_id = :org")
			.param("org", orgId.toString())
			.query((rs, n) -> new TransferPolicy(rs.getBoolean(1),
					Arrays.stream(rs.getString(2).split(",")).filter(p -> !p.isEmpty()).toList()))
			.optional()
			.orElseGet(TransferPolicy::defaults);
	}

	void save(UUID orgId, TransferPolicy policy) {
		jdbc.sql("""
				INSERT INTO transfer_policy (org_id, national_numbers, allowed_prefixes, updated_at)
				VALUES (:org, :national, :prefixes, :now)
				ON CONFLICT (org_id) DO UPDATE SET national_numbers = excluded.national_numbers,
				       allowed_prefixes = excluded.allowed_prefixes, updated_at = excluded.updated_at
				""")
			.param("org", orgId.toString())
			.param("national", policy.nationalNumbers())
			.param("prefixes", String.join(",", policy.allowedPrefixes()))
			.param("now", clock.millis())
			.update();
	}
}
