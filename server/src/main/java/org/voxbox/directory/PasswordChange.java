package org.voxbox.directory;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A person changes their own sign-in password in the portal: the current one, and the new one twice (at least 12
 * characters, not the current one). The current password is checked by {@link PasswordCheck}, like a sign-in: a
 * wrong one counts against the account's attempts, and once those are used up it is not checked at all until the
 * window has passed; a full hashing pool changes nothing and counts nothing ("busy"). Their other portal sessions
 * end; the one making the change stays signed in under a new session id. A password an administrator set stops
 * needing a change; the change is announced ({@link PasswordChanged}) for the audit trail. Both hashes run before
 * the one write, so no database lock waits for them.
 */
@Component
class PasswordChange {

	static final int MIN_PASSWORD = 12;

	private final People people;

	private final Passwords passwords;

	private final PasswordCheck check;

	private final ApplicationEventPublisher events;

	PasswordChange(People people, Passwords passwords, PasswordCheck check, ApplicationEventPublisher events) {
		this.people = people;
		this.passwords = passwords;
		this.check = check;
		this.events = events;
	}

	/**
	 * Changes the password of the signed-in {@code caller}; answers the message key of what was wrong (nothing
	 * changed then), or empty once it is changed. No password is ever put into a message.
	 */
	Optional<String> change(Caller caller, String currentPassword, String newPassword, String confirmPassword,
			HttpServletRequest request, HttpServletResponse response) {
		PortalSession session = PortalSession.current();
		if (session == null || currentPassword.length() > 1024) {
			return Optional.of("password.wrongCurrent");
		}
		String hash;
		try {
			if (!check.confirm(caller.personId(), currentPassword)) {
				return Optional.of("password.wrongCurrent");
			}
			if (newPassword.length() < MIN_PASSWORD || newPassword.length() > 1024) {
				return Optional.of("password.tooShort");
			}
			if (!newPassword.equals(confirmPassword)) {
				return Optional.of("password.mismatch");
			}
			if (newPassword.equals(currentPassword)) {
				return Optional.of("password.sameAsCurrent");
			}
			hash = passwords.hash(newPassword);
		}
		catch (SignInThrottle.Throttled ex) {
			return Optional.of("password.throttled");
		}
		catch (Passwords.HashingBusy ex) {
			return Optional.of("password.busy");
		}
		if (!people.changeOwnPassword(caller.personId(), session.credentialsVersion(), hash)) {
			// Reset or changed elsewhere since this request began: this session is over, as the next request finds.
			return Optional.of("password.changedElsewhere");
		}
		Person me = people.find(caller.personId()).orElseThrow(() -> DirectoryErrors.personNotFound(caller.locale()));
		PortalSession.keep(me, session.credentialsVersion() + 1, request, response);
		events.publishEvent(new PasswordChanged(me.id(), me.orgId()));
		return Optional.empty();
	}
}
