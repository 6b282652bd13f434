package org.voxbox.directory;

import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.voxbox.web.PublicId;

/**
 * Sign-in passwords for test people, which the API cannot set: stored hashed, exactly as a password the person chose
 * is stored (no change required; their earlier portal sessions end). Not a bean, so using it adds no application
 * context of its own; build it with {@link #from}.
 */
public final class PasswordFixtures {

	private final People people;

	private final Passwords passwords;

	private final DirectorySettings settings;

	private PasswordFixtures(People people, Passwords passwords, DirectorySettings settings) {
		this.people = people;
		this.passwords = passwords;
		this.settings = settings;
	}

	public static PasswordFixtures from(ApplicationContext context) {
		return new PasswordFixtures(context.getBean(People.class), context.getBean(Passwords.class),
				context.getBean(DirectorySettings.class));
	}

	/** Gives the person with external id {@code personId} (as the API shows it) this password. */
	public void setPassword(String personId, String password) {
		setPassword(PublicId.PEOPLE.decode(personId).orElseThrow(), password);
	}

	public void setPassword(UUID personId, String password) {
		people.setPasswordHash(personId, passwords.hash(password));
	}

	/** The sign-in email of a person, e.g. of an administrator made by {@link DirectoryFixtures}. */
	public String emailOf(UUID personId) {
		return people.find(personId).orElseThrow().email();
	}

	/** Gives the bootstrap organisation's administrator this password; answers their email. */
	public String bootstrapAdminWithPassword(String password) {
		Person admin = people.findByEmail(settings.bootstrapAdminEmail()).orElseThrow();
		setPassword(admin.id(), password);
		return admin.email();
	}
}
