package org.voxbox.directory;

import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Portal sign-in with email and password, checked by {@link PasswordCheck}: throttled per account and per address
 * (a throttled attempt is refused without looking at the password) and hashed on the bounded pool (a full pool
 * sends the visitor back to sign in with a "busy" message).
 */
final class PortalAuthentication implements AuthenticationProvider {

	private final PasswordCheck passwords;

	PortalAuthentication(PasswordCheck passwords) {
		this.passwords = passwords;
	}

	/** Too many failed sign-ins for this account or address. */
	static final class Throttled extends AuthenticationException {

		Throttled() {
			super("too many failed sign-ins");
		}
	}

	/** The password hashing queue is full: nothing was checked, try again shortly. */
	static final class Busy extends AuthenticationException {

		Busy() {
			super("password hashing is busy");
		}
	}

	/** Where a failed sign-in is sent: the sign-in page, saying why. */
	static String failurePage(AuthenticationException ex) {
		return ex instanceof Throttled ? "/signin?throttled" : ex instanceof Busy ? "/signin?busy" : "/signin?error";
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String email = String.valueOf(authentication.getPrincipal()).strip().toLowerCase(java.util.Locale.ROOT);
		String password = String.valueOf(authentication.getCredentials());
		String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "unknown";
		if (email.length() > 320 || password.length() > 1024) {
			throw new BadCredentialsException("bad credentials");
		}
		Optional<Person> person;
		try {
			person = passwords.signIn(email, password, address);
		}
		catch (SignInThrottle.Throttled ex) {
			throw new Throttled();
		}
		catch (Passwords.HashingBusy ex) {
			throw new Busy();
		}
		if (person.isEmpty()) {
			throw new BadCredentialsException("bad credentials");
		}
		Person p = person.get();
		return UsernamePasswordAuthenticationToken.authenticated(new Caller(p.id(), p.orgId(), p.role(), p.language()), null,
				List.of(new SimpleGrantedAuthority("ROLE_" + p.role().name())));
	}

	@Override
	public boolean supports(Class<?> type) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
	}
}
