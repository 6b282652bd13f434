package org.voxbox.audit;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.voxbox.directory.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit trail writes fits its columns ({@code audit_event.type} VARCHAR(40), {@code channel}
 * VARCHAR(20)), so a new event type cannot be refused by the database — on PostgreSQL only, as SQLite once
 * ignored lengths — when it is first recorded.
 */
class AuditValuesTest {

	@Test
	void everyEventTypeAndChannelFitsItsColumn() {
		assertThat(Arrays.stream(AuditTrail.Type.values()).map(Enum::name)).allMatch(name -> name.length() <= 40);
		assertThat(Arrays.stream(Channel.values()).map(Enum::name)).allMatch(name -> name.length() <= 20);
	}
}
