package org.voxbox.pin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.voxbox.directory.Channel;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.Mailboxes;
import org.voxbox.pinpolicy.PinCheck;
import org.voxbox.pinpolicy.PinChecker;
import org.voxbox.pinpolicy.PinHistory;
import org.voxbox.pinpolicy.PinOwner;
import org.voxbox.pinpolicy.PinPolicy;
import org.voxbox.pinpolicy.PinRule;

/**
 * Checking and setting a new PIN, by its owner or by an administrator. The slow hashes run before the
 * database transaction, so no write lock is held while hashing; the transaction then makes sure the history
 * did not move meanwhile (else the whole change runs again once).
 */
@Component
class PinChange {

	private final Mailboxes mailboxes;

	private final PinPolicies policies;

	private final PinCredentials credentials;

	private final PinHasher hasher;

	private final PinRateLimit rateLimit;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PinChange(Mailboxes mailboxes, PinPolicies policies, PinCredentials credentials, PinHasher hasher,
			PinRateLimit rateLimit, ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
		this.mailboxes = mailboxes;
		this.policies = policies;
		this.credentials = credentials;
		this.hasher = hasher;
		this.rateLimit = rateLimit;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** Who sets the PIN, and through which channel. */
	record Actor(UUID personId, Channel channel, Locale locale) {
	}

	/** Everything a check needs, read before hashing. */
	record Prepared(Person person, PinPolicy policy, PinCredentials.Credential credential, VerifierHistory history) {
	}

	/** The result of a check that changes nothing. */
	record Validation(PinPolicy policy, PinCheck check) {
	}

	/** The rules that need the stored PINs: answered on submit only ({@link #set}), never by {@link #validate}. */
	static final Set<PinRule> CHECKED_ON_SUBMIT = Collections.unmodifiableSet(EnumSet.of(PinRule.IN_HISTORY, PinRule.REVERSE_OF_CURRENT));

	/**
	 * Checks a candidate for the person without changing anything or counting a submit, for live feedback: every
	 * rule except {@link #CHECKED_ON_SUBMIT}, which would let anyone holding a session read the current PIN out of
	 * the answers. Costs no slow hash.
	 */
	Validation validate(Actor actor, Person person, String candidate, @Nullable String confirmation) {
		requireEnabled(actor, person);
		rateLimit.acquire(actor.personId(), person.id(), actor.locale());
		Prepared prepared = prepare(person);
		return new Validation(prepared.policy(),
				check(prepared, new StoredPinsUnasked(prepared.history()), candidate, confirmation, actor));
	}

	/**
	 * Sets a new PIN after checking it against the policy. The owner's new PIN is theirs to keep; an
	 * administrator's must be changed on first use. Either unlocks a locked mailbox. Each call counts against the
	 * target's hourly submit budget, since its answer tells whether the candidate is a stored PIN.
	 *
	 * @throws PinRejected naming every broken rule
	 */
	void set(Actor actor, Person person, String candidate, @Nullable String confirmation) {
		requireEnabled(actor, person);
		rateLimit.acquire(actor.personId(), person.id(), actor.locale());
		rateLimit.acquireSubmit(person.id(), actor.locale());
		boolean byOwner = actor.personId().equals(person.id());
		for (int attempt = 0;; attempt++) {
			Prepared prepared = prepare(person);
			PinCheck result = check(prepared, prepared.history(), candidate, confirmation, actor);
			if (!result.valid()) {
				throw new PinRejected(result.violations(), prepared.policy(), actor.locale());
			}
			String verifier = prepared.history().verifierFor(candidate);
			boolean stored = Boolean.TRUE.equals(transaction.execute(status -> {
				PinCredentials.Credential now = credentials.lock(person.id());
				if (now.headSeq() != prepared.credential().headSeq() || !now.salt().equals(prepared.credential().salt())) {
					return false;
				}
				credentials.setCurrent(now, verifier, !byOwner, clock.instant(), byOwner);
				events.publishEvent(new PinChanged(person.id(), person.orgId(), actor.personId(), actor.channel(),
						byOwner ? PinChanged.Kind.SET_BY_OWNER : PinChanged.Kind.SET_BY_ADMIN));
				if (now.locked()) {
					events.publishEvent(new MailboxUnlocked(person.id(), person.orgId(), actor.personId(), actor.channel()));
				}
				return true;
			}));
			if (stored) {
				return;
			}
			if (attempt > 0) {
				throw org.voxbox.web.ErrorCode.CONFLICT.exception(org.voxbox.web.Texts.get("pin", "error.concurrentChange", actor.locale()));
			}
		}
	}

	void requireEnabled(Actor actor, Person person) {
		if (actor.personId().equals(person.id())) {
			mailboxes.requireEnabled(person.id(), actor.locale());
		}
		else {
			mailboxes.requireEnabledForAdmin(person.id(), actor.locale());
		}
	}

	Prepared prepare(Person person) {
		PinPolicy policy = policies.policy(person.orgId());
		PinCredentials.Credential credential = credentials.find(person.id())
			.orElseThrow(() -> new IllegalStateException("no PIN credential for person " + person.id()));
		boolean mustChange = credential.hasPin() && (credential.mustChange() || expired(policy, credential, clock.instant()));
		VerifierHistory history = new VerifierHistory(hasher, credential.salt(), credentials.verifiers(person.id()),
				mustChange, credential.ownerChangedAt());
		return new Prepared(person, policy, credential, history);
	}

	/** Whether the current PIN has passed the policy's expiry. */
	static boolean expired(PinPolicy policy, PinCredentials.Credential credential, Instant now) {
		return policy.expiryEnabled() && credential.setAt() != null
				&& now.isAfter(credential.setAt().plus(Duration.ofDays(policy.expiryDays())));
	}

	/**
	 * A history that answers "no" to every question about the stored PINs, so that the checker decides
	 * {@code IN_HISTORY} and {@code REVERSE_OF_CURRENT} as met without hashing anything.
	 */
	private record StoredPinsUnasked(PinHistory history) implements PinHistory {

		@Override
		public boolean contains(String candidate, int depth) {
			return false;
		}

		@Override
		public boolean isCurrent(String candidate) {
			return false;
		}

		@Override
		public boolean currentMustChange() {
			return history.currentMustChange();
		}

		@Override
		public @Nullable Instant lastChangedByOwner() {
			return history.lastChangedByOwner();
		}
	}

	private PinCheck check(Prepared prepared, PinHistory history, String candidate, @Nullable String confirmation,
			Actor actor) {
		Person p = prepared.person();
		PinOwner owner = new PinOwner(p.firstName(), p.lastName(), p.extension(), p.phoneE164());
		PinCheck result = new PinChecker(prepared.policy()).check(candidate, confirmation, owner, history,
				clock.instant());
		if (!actor.personId().equals(p.id())) {
			// The minimum interval between changes binds the owner, not an administrator acting for them.
			result = new PinCheck(result.violations().stream()
				.filter(r -> r != PinRule.CHANGED_TOO_RECENTLY)
				.toList());
		}
		return result;
	}

}
