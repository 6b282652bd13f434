package org.voxbox.pin;

import java.time.Clock;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.Mailboxes;
import org.voxbox.pinpolicy.PinPolicy;

/**
 * Verifies a PIN entered to open a mailbox (the phone's voice portal). Wrong PINs are counted persistently;
 * at the policy's {@code maxFailedAttempts} the mailbox locks and refuses every PIN until the owner sets a new
 * PIN or an administrator resets it. The lockout and the verdict are decided together, under the credential's
 * lock: a right PIN whose check began before the mailbox locked is refused as locked. Costs one slow hash;
 * blocks the calling thread while hashing.
 */
@Component
public class PinVerification {

	/** What became of a PIN entry. */
	public enum Outcome {
		/** The PIN is right. */
		ACCEPTED,
		/** The PIN is right but must be changed now (default, administrator-set or expired). */
		ACCEPTED_MUST_CHANGE,
		/** Wrong PIN, unknown person, no PIN set, or voicemail off: all look alike to the caller. */
		REJECTED,
		/** Wrong PIN, and it was the last allowed: the mailbox is now locked. */
		REJECTED_NOW_LOCKED,
		/** The mailbox is locked; the PIN was not even looked at. */
		LOCKED
	}

	private final People people;

	private final Mailboxes mailboxes;

	private final PinPolicies policies;

	private final PinCredentials credentials;

	private final PinHasher hasher;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PinVerification(People people, Mailboxes mailboxes, PinPolicies policies, PinCredentials credentials, PinHasher hasher,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.people = people;
		this.mailboxes = mailboxes;
		this.policies = policies;
		this.credentials = credentials;
		this.hasher = hasher;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	public Outcome verify(UUID personId, String pin, Channel channel) {
		Person person = people.find(personId).orElse(null);
		if (person == null || !mailboxes.isEnabled(personId)) {
			hasher.hash(pin, PinHasher.newSalt()); // the same cost as a real check: no enumeration by timing
			return Outcome.REJECTED;
		}
		PinCredentials.Credential credential = credentials.find(personId).orElseThrow();
		if (credential.locked()) {
			return Outcome.LOCKED;
		}
		if (!credential.hasPin() || pin.length() > 256) {
			hasher.hash(pin.length() > 256 ? "" : pin, credential.salt());
			return recordFailure(person, channel);
		}
		String current = credentials.verifiers(personId).get(0);
		if (!hasher.matches(pin, current)) {
			return recordFailure(person, channel);
		}
		return accept(person);
	}

	/**
	 * The PIN matched; the verdict is taken under the credential's lock, because the mailbox may have locked
	 * while the PIN was being hashed: then it stays locked, its failures are kept, and the answer is
	 * {@link Outcome#LOCKED}.
	 */
	private Outcome accept(Person person) {
		PinPolicy policy = policies.policy(person.orgId());
		return transaction.execute(status -> {
			PinCredentials.Credential now = credentials.lock(person.id());
			if (now.locked()) {
				return Outcome.LOCKED;
			}
			credentials.clearFailures(person.id());
			return now.mustChange() || PinChange.expired(policy, now, clock.instant()) ? Outcome.ACCEPTED_MUST_CHANGE
					: Outcome.ACCEPTED;
		});
	}

	private Outcome recordFailure(Person person, Channel channel) {
		PinPolicy policy = policies.policy(person.orgId());
		return transaction.execute(status -> {
			PinCredentials.Credential now = credentials.lock(person.id());
			if (now.locked()) {
				return Outcome.LOCKED;
			}
			int failures = now.failedAttempts() + 1;
			boolean lock = policy.lockoutEnabled() && failures >= policy.maxFailedAttempts();
			credentials.recordFailure(person.id(), failures, lock);
			if (lock) {
				events.publishEvent(new MailboxLocked(person.id(), person.orgId(), channel));
				return Outcome.REJECTED_NOW_LOCKED;
			}
			return Outcome.REJECTED;
		});
	}
}
