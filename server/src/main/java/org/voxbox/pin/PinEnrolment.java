package org.voxbox.pin;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.voxbox.directory.PersonCreated;

/**
 * Gives every new person their PIN record, in the transaction that creates them: their own salt, and the
 * organisation default PIN (to be changed on first use) when one is switched on.
 */
@Component
class PinEnrolment {

	private final PinCredentials credentials;

	private final PinPolicies policies;

	private final Clock clock;

	PinEnrolment(PinCredentials credentials, PinPolicies policies, Clock clock) {
		this.credentials = credentials;
		this.policies = policies;
		this.clock = clock;
	}

	@EventListener
	void on(PersonCreated event) {
		credentials.create(event.personId(), PinHasher.newSalt());
		policies.load(event.orgId()).defaultPin().ifPresent(verifier -> credentials
			.setCurrent(credentials.find(event.personId()).orElseThrow(), verifier, true, clock.instant(), false));
	}
}
