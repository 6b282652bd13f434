package org.voxbox.pin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.voxbox.ApiTest;
import org.voxbox.directory.DirectoryFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PIN change costs the same number of slow hashes whatever the history depth: the candidate once (compared
 * with every history entry, which share the person's salt, and stored) and its reverse once.
 */
@Import(DirectoryFixtures.class)
class PinHashCostTest extends ApiTest {

	@Autowired
	DirectoryFixtures fixtures;

	@Autowired
	MeterRegistry meters;

	@ParameterizedTest(name = "history depth {0}")
	@ValueSource(ints = { 0, 10, 24 })
	void pinChangeCostsTwoSlowHashesAtAnyHistoryDepth(int depth) {
		var org = fixtures.organisationWithAdmin("Depth " + depth, false);
		assertThat(api.put("/v1/telephony/config/voicemail/rules", org.adminToken(),
				Map.of("blockPreviousPasscodes", Map.of("numberOfPasscodes", depth))).status()).isEqualTo(204);
		TestPerson p = person(org.adminToken(), "Hash", "Counter", "en", "USER", null, null);
		api.put("/v1/people/" + p.id() + "/features/voicemail", org.adminToken(), Map.of("enabled", true));
		List<String> pins = validPins(depth + 2, depth);
		for (String pin : pins.subList(0, depth + 1)) {
			assertThat(setOwnPin(p, pin).status()).isEqualTo(204);
			clock.advance(Duration.ofMinutes(6)); // within the ten submits an hour
		}
		long before = hashes();
		assertThat(setOwnPin(p, pins.get(depth + 1)).status()).isEqualTo(204);
		assertThat(hashes() - before).isEqualTo(2);

		// A rejected change costs no more: the same two hashes, nothing stored.
		before = hashes();
		assertThat(setOwnPin(p, pins.get(depth + 1)).status()).isEqualTo(depth == 0 ? 204 : 400);
		assertThat(hashes() - before).isEqualTo(2);
	}

	private long hashes() {
		return meters.get("voxbox.pin.hashes").timer().count();
	}
}
