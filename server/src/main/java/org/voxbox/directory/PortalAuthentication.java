package org.voxbox.directory;

import java.time.Clock;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Portal sign-in with email and password (Argon2id). Failed passwords are throttled per account and per
 * address; a throttled attempt is refused without looking at the password. The session remembers the person's
 * credentials version and the time ({@link PortalSession}), read together with the password it was checked against.
 */
final class PortalAuthentication implements AuthenticationProvider {

	private final People people;

	private final Passwords passwords;

	private final SignInThrottle throttle;

	private final Clock clock;

	PortalAuthentication(People people, Passwords passwords, SignInThrottle throttle, Clock clock) {
		this.people = people;
		this.passwords = passwords;
		this.throttle = throttle;
		this.clock = clock;
	}

	/** Too many failed sign-ins for this account or address. */
	static final class Throttled extends AuthenticationException {

		Throttled() {
			super("too many failed sign-ins");
		}
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String email = String.valueOf(authentication.getPrincipal()).strip().toLowerCase(java.util.Locale.ROOT);
		String password = String.valueOf(authentication.getCredentials());
		String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
		String addressKey = "address:" + address;
		if (email.length() > 320 || password.length() > 1024) {
			throw new BadCredentialsException("bad credentials");
		}
		if (!throttle.allows(email) || !throttle.allowsAddress(addressKey)) {
			throw new Throttled();
		}
		Optional<Person> person = people.findByEmail(email);
		Optional<People.StoredPassword> stored = person.flatMap(p -> people.password(p.id()));
		boolean ok;
		if (stored.isPresent()) {
			ok = passwords.matches(password, stored.get().hash());
		}
		else {
			passwords.matches(password, Passwords.DUMMY_HASH); // the same time as a real check: no enumeration
			ok = false;
		}
		throttle.record(email, ok);
		throttle.recordAddress(addressKey, ok);
		if (!ok) {
			throw new BadCredentialsException("bad credentials");
		}
		return new PortalSession(stored.get().credentialsVersion(), clock.instant()).authentication(person.get());
	}

	@Override
	public boolean supports(Class<?> type) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
	}
}
