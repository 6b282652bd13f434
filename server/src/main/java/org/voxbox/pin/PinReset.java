package org.voxbox.pin;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.voxbox.directory.Person;
import org.voxbox.pinpolicy.PinCheck;
import org.voxbox.pinpolicy.PinChecker;
import org.voxbox.pinpolicy.PinOwner;
import org.voxbox.pinpolicy.PinPolicy;

/**
 * An administrator resets a person's PIN: to the organisation default PIN when one is switched on, else to a
 * random PIN that passes the policy, returned once. Either must be changed on first use, and either unlocks
 * the mailbox.
 */
@Component
class PinReset {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PinChange change;

	private final PinPolicies policies;

	private final PinCredentials credentials;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PinReset(PinChange change, PinPolicies policies, PinCredentials credentials, ApplicationEventPublisher events,
			TransactionTemplate transaction, Clock clock) {
		this.change = change;
		this.policies = policies;
		this.credentials = credentials;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** @return the generated PIN to show once, or empty when the organisation default PIN was set */
	Optional<String> reset(PinChange.Actor admin, Person person) {
		change.requireEnabled(admin, person);
		Optional<String> defaultPin = policies.load(person.orgId()).defaultPin();
		String generated = null;
		String verifier;
		if (defaultPin.isPresent()) {
			verifier = defaultPin.get();
		}
		else {
			PinChange.Prepared prepared = change.prepare(person);
			generated = generate(prepared);
			verifier = prepared.history().verifierFor(generated);
		}
		String finalVerifier = verifier;
		transaction.executeWithoutResult(status -> {
			PinCredentials.Credential now = credentials.lock(person.id());
			credentials.setCurrent(now, finalVerifier, true, clock.instant(), false);
			events.publishEvent(new PinChanged(person.id(), person.orgId(), admin.personId(), admin.channel(), PinChanged.Kind.RESET));
			if (now.locked()) {
				events.publishEvent(new MailboxUnlocked(person.id(), person.orgId(), admin.personId(), admin.channel()));
			}
		});
		return Optional.ofNullable(generated);
	}

	/** A random PIN of the policy's minimum length (at least 6) that passes every rule for this person. */
	private String generate(PinChange.Prepared prepared) {
		PinPolicy policy = prepared.policy();
		Person p = prepared.person();
		PinOwner owner = new PinOwner(p.firstName(), p.lastName(), p.extension(), p.phoneE164());
		PinChecker checker = new PinChecker(policy);
		int length = Math.min(policy.maxLength(), Math.max(6, policy.minLength()));
		for (int attempt = 0; attempt < 10_000; attempt++) {
			StringBuilder pin = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				pin.append((char) ('0' + RANDOM.nextInt(10)));
			}
			String candidate = pin.toString();
			// Cheap rules first, with no history; only a survivor pays for the history's slow hashes.
			PinCheck cheap = checker.check(candidate, null, owner, org.voxbox.pinpolicy.PinHistory.none(), clock.instant());
			if (cheap.valid() && checker.check(candidate, null, owner, prepared.history(), clock.instant()).valid()) {
				return candidate;
			}
		}
		throw new IllegalStateException("no PIN satisfies the organisation's policy");
	}

}
