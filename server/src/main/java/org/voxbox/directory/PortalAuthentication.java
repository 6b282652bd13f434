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
 * Portal sign-in with email and password, checked by {@link PasswordCheck}: throttled per account and per address
 * (a throttled attempt is refused without looking at the password) and hashed on the bounded pool (a full pool
 * sends the visitor back to sign in with a "busy" message). The session remembers the person's credentials version
 * and the time ({@link PortalSession}), the version read together with the password it was checked against.
 */
final class PortalAuthentication implements AuthenticationProvider {

	private final PasswordCheck passwords;

	private final Clock clock;

	PortalAuthentication(PasswordCheck passwords, Clock clock) {
		this.passwords = passwords;
		this.clock = clock;
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
		Optional<PasswordCheck.Checked> checked;
		try {
			checked = passwords.signIn(email, password, address, Channel.PORTAL);
		}
		catch (SignInThrottle.Throttled ex) {
			throw new Throttled();
		}
		catch (Passwords.HashingBusy ex) {
			throw new Busy();
		}
		if (checked.isEmpty()) {
			throw new BadCredentialsException("bad credentials");
		}
		return new PortalSession(checked.get().password().credentialsVersion(), clock.instant())
			.authentication(checked.get().person());
	}

	@Override
	public boolean supports(Class<?> type) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
	}
}
