package org.voxbox.directory;

import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first thing after signing in with a password an administrator or the first start set: choosing one's own
 * ({@link PasswordPage}). Comes before every other {@link SignInStep}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class PasswordMustChange implements SignInStep {

	private final People people;

	PasswordMustChange(People people) {
		this.people = people;
	}

	@Override
	public Optional<String> redirectFor(Caller caller) {
		return people.password(caller.personId()).filter(People.StoredPassword::mustChange)
			.map(p -> PortalSessionCheck.PASSWORD_PAGE);
	}
}
