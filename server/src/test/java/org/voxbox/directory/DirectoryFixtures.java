package org.voxbox.directory;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test fixtures the API cannot make: a further organisation with its own administrator and token, created the
 * way the first start creates the bootstrap organisation. Import it with {@code @Import(DirectoryFixtures.class)}.
 */
@Component
public class DirectoryFixtures {

	private final Organisations organisations;

	private final People people;

	private final ApiTokens tokens;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final Clock clock;

	DirectoryFixtures(Organisations organisations, People people, ApiTokens tokens, ApplicationEventPublisher events,
			TransactionTemplate transaction, Clock clock) {
		this.organisations = organisations;
		this.people = people;
		this.tokens = tokens;
		this.events = events;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** A new organisation and its administrator. */
	public record NewOrganisation(UUID orgId, UUID adminId, String adminToken) {
	}

	public NewOrganisation organisationWithAdmin(String name, boolean government) {
		return transaction.execute(status -> {
			Organisation org = new Organisation(UUID.randomUUID(), name, government, clock.instant());
			organisations.insert(org);
			Person admin = new Person(UUID.randomUUID(), org.id(), "Org", "Admin",
					"admin." + UUID.randomUUID() + "@example.org", null, null, Locale.ENGLISH, Role.ADMIN, clock.instant());
			people.insert(admin);
			events.publishEvent(new PersonCreated(admin.id(), org.id(), null, Channel.SYSTEM));
			String token = "fixture-" + UUID.randomUUID();
			tokens.store(admin.id(), "fixture", token);
			return new NewOrganisation(org.id(), admin.id(), token);
		});
	}
}
