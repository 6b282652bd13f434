package org.voxbox.directory;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Checks a sign-in password the one way that the portal's sign-in, HTTP Basic on the token endpoint and the current
 * password on My profile share: first an attempt is reserved with the {@link SignInThrottle} (refused at once when
 * used up), then the password is hashed on the bounded {@link Passwords} pool, then the outcome is recorded. An
 * unknown email, or a person without a password, is hashed against a hash no password has: the same cost, the same
 * throttle and the same pool, so neither the time taken nor a refusal tells it from a wrong password. A password that
 * checks out is answered as it was read for the check, with its credentials version (which a portal session keeps)
 * and whether it must be changed.
 */
@Component
class PasswordCheck {

	private final People people;

	private final Passwords passwords;

	private final SignInThrottle throttle;

	private final ApplicationEventPublisher events;

	PasswordCheck(People people, Passwords passwords, SignInThrottle throttle, ApplicationEventPublisher events) {
		this.people = people;
		this.passwords = passwords;
		this.throttle = throttle;
		this.events = events;
	}

	/**
	 * A person whose password checked out, and that password as it was read for the check, in one go with its
	 * credentials version and whether it must be changed.
	 */
	record Checked(Person person, People.StoredPassword password) {
	}

	/**
	 * The person whose email and password these are, with the password as checked, or empty for any wrong pair.
	 * Counts against the account and the client {@code address} (the transport address, or the one a trusted proxy
	 * forwarded). A checked attempt on a known account is announced ({@link SignInAttempted}) for the audit trail.
	 *
	 * @throws SignInThrottle.Throttled when the account or the address has used up its attempts (nothing hashed)
	 * @throws Passwords.HashingBusy when the hashing queue is full (nothing counted)
	 */
	Optional<Checked> signIn(String email, String password, String address, Channel channel) {
		String account = email.strip().toLowerCase(Locale.ROOT);
		Person[] found = new Person[1];
		Optional<Checked> checked = check(account, address, password, () -> {
			Optional<Person> person = people.findByEmail(account);
			found[0] = person.orElse(null);
			return person;
		});
		if (found[0] != null) {
			events.publishEvent(new SignInAttempted(found[0].id(), found[0].orgId(), channel, address, checked.isPresent()));
		}
		return checked;
	}

	/**
	 * Whether {@code password} is the current password of {@code personId}, who is signed in already. Counts
	 * against their account only: a session can only guess at its own person's password.
	 *
	 * @throws SignInThrottle.Throttled when the account has used up its attempts (nothing hashed)
	 * @throws Passwords.HashingBusy when the hashing queue is full (nothing counted)
	 */
	boolean confirm(UUID personId, String password) {
		Optional<Person> person = people.find(personId);
		String account = person.map(p -> p.email().toLowerCase(Locale.ROOT)).orElse("person:" + personId);
		return check(account, null, password, () -> person).isPresent();
	}

	private Optional<Checked> check(String account, @Nullable String address, String password,
			Supplier<Optional<Person>> lookup) {
		SignInThrottle.Attempt attempt = throttle.reserve(account, address);
		boolean ok;
		Optional<Person> person;
		Optional<People.StoredPassword> stored;
		try {
			person = lookup.get();
			stored = person.flatMap(p -> people.password(p.id()));
			ok = stored.isPresent() ? passwords.matches(password, stored.get().hash()) : passwords.matchesNone(password);
		}
		catch (RuntimeException notChecked) {
			attempt.notMade();
			throw notChecked;
		}
		if (ok) {
			attempt.succeeded();
			return Optional.of(new Checked(person.orElseThrow(), stored.orElseThrow()));
		}
		attempt.failed();
		return Optional.empty();
	}
}
