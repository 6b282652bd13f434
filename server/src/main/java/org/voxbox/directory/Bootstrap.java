package org.voxbox.directory;

import java.io.PrintStream;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * First start on an empty database: creates the organisation and its administrator. The administrator's
 * credential is either {@code VOXBOX_BOOTSTRAP_ADMIN_TOKEN} (stored hashed, as an API token) or a one-time
 * password printed once to the console — straight to standard output, never through the logs. That password must
 * be changed at the first sign-in to the portal, and buys no API token before.
 */
@Component
class Bootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

	private final Organisations organisations;

	private final People people;

	private final ApiTokens tokens;

	private final Passwords passwords;

	private final DirectorySettings settings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final PrintStream console = System.out;

	private final Environment environment;

	Bootstrap(Organisations organisations, People people, ApiTokens tokens, Passwords passwords, DirectorySettings settings,
			ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock, Environment environment) {
		this.environment = environment;
		this.organisations = organisations;
		this.people = people;
		this.tokens = tokens;
		this.passwords = passwords;
		this.settings = settings;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (organisations.any()) {
			return;
		}
		String password = settings.bootstrapAdminToken() == null || settings.bootstrapAdminToken().isEmpty()
				? Passwords.generate() : null;
		String passwordHash = password == null ? null : passwords.hash(password);
		try {
			transaction.executeWithoutResult(status -> {
				if (organisations.any()) {
					return;
				}
				Organisation org = new Organisation(UUID.randomUUID(), settings.bootstrapOrganisation(), false, clock.instant());
				organisations.insert(org);
				Person admin = new Person(UUID.randomUUID(), org.id(), "Voxbox", "Administrator", settings.bootstrapAdminEmail(),
						null, null, java.util.Locale.ENGLISH, Role.ADMIN, clock.instant());
				people.insert(admin);
				events.publishEvent(new PersonCreated(admin.id(), org.id(), null, Channel.SYSTEM));
				if (passwordHash != null) {
					people.setTemporaryPasswordHash(admin.id(), passwordHash);
				}
				else {
					tokens.store(admin.id(), "bootstrap", settings.bootstrapAdminToken());
				}
				log.info("Created organisation '{}' with administrator {}", org.name(), admin.email());
				if (password != null) {
					String port = environment.getProperty("local.server.port", "8080");
					console.printf("%n  Voxbox first start: administrator %s, one-time password %s%n"
							+ "  It must be changed at the first sign-in, at http://localhost:%s/ ; until then it buys no API token.%n"
							+ "  Then exchange your own password for an API token:  curl -u '%s' -X POST "
							+ "-H 'Content-Type: application/json' -d '{\"name\":\"admin\"}' http://localhost:%s/v1/people/me/tokens%n%n",
							admin.email(), password, port, admin.email(), port);
				}
				else {
					log.info("The administrator's API token is the value of VOXBOX_BOOTSTRAP_ADMIN_TOKEN");
				}
			});
		}
		catch (DuplicateKeyException anotherNodeWon) {
			log.info("Another node bootstrapped the database first");
		}
	}
}
