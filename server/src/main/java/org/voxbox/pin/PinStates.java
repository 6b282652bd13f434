package org.voxbox.pin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.voxbox.directory.Person;
import org.voxbox.pinpolicy.PinPolicy;

/** What the portal shows of a person's PIN: its state and, when the policy expires PINs, when it expires. */
@Component
class PinStates {

	private final PinCredentials credentials;

	private final PinPolicies policies;

	private final Clock clock;

	PinStates(PinCredentials credentials, PinPolicies policies, Clock clock) {
		this.credentials = credentials;
		this.policies = policies;
		this.clock = clock;
	}

	/** A person's PIN state, as shown. {@code state} is one of not-set, set, must-change, locked, expired. */
	record PinState(String state, @Nullable Instant expires) {

		boolean mustChange() {
			return state.equals("must-change") || state.equals("expired");
		}
	}

	PinState of(Person person) {
		return of(person.id(), policies.policy(person.orgId()));
	}

	PinState of(UUID personId, PinPolicy policy) {
		PinCredentials.Credential c = credentials.find(personId).orElseThrow();
		Instant expires = policy.expiryEnabled() && c.setAt() != null ? c.setAt().plus(Duration.ofDays(policy.expiryDays()))
				: null;
		String state;
		if (c.locked()) {
			state = "locked";
		}
		else if (!c.hasPin()) {
			state = "not-set";
		}
		else if (c.mustChange()) {
			state = "must-change";
		}
		else if (PinChange.expired(policy, c, clock.instant())) {
			state = "expired";
		}
		else {
			state = "set";
		}
		return new PinState(state, expires);
	}
}
