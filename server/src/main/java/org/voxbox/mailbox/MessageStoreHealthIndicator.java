package org.voxbox.mailbox;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code messageStore} part of {@code /actuator/health}: down once {@value #DOWN_AFTER} deposits in a row
 * could not be stored, up again with the next one that is. Only deposits move it — a store that failed stays
 * reported down until a message is stored again, however long that takes.
 */
@Component
class MessageStoreHealthIndicator implements HealthIndicator {

	/** Failures in a row that make the store down: one may be a bad message, three are the store. */
	static final int DOWN_AFTER = 3;

	private record State(int failuresInARow, @Nullable Instant lastFailure, @Nullable Instant lastStored) {
	}

	private final AtomicReference<State> state = new AtomicReference<>(new State(0, null, null));

	void stored(Instant at) {
		state.updateAndGet(s -> new State(0, s.lastFailure(), at));
	}

	void failed(Instant at) {
		state.updateAndGet(s -> new State(s.failuresInARow() + 1, at, s.lastStored()));
	}

	@Override
	public Health health() {
		State s = state.get();
		Health.Builder health = s.failuresInARow() >= DOWN_AFTER ? Health.down() : Health.up();
		health.withDetail("failuresInARow", s.failuresInARow());
		if (s.lastFailure() != null) {
			health.withDetail("lastFailure", s.lastFailure().toString());
		}
		if (s.lastStored() != null) {
			health.withDetail("lastStored", s.lastStored().toString());
		}
		return health.build();
	}
}
