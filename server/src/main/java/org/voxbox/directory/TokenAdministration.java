package org.voxbox.directory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An administrator's work on a person's API tokens: issuing one for them (marked with the administrator, so its
 * owner sees who made it) and revoking them all. Either, done to someone else, is announced for the audit trail
 * in the same transaction.
 */
@Component
class TokenAdministration {

	private final ApiTokens tokens;

	private final ApplicationEventPublisher events;

	TokenAdministration(ApiTokens tokens, ApplicationEventPublisher events) {
		this.tokens = tokens;
		this.events = events;
	}

	/** A token for {@code person}, whose name the caller checked; the secret is in the answer only. */
	@Transactional
	ApiTokens.Issued issue(Caller caller, Person person, String name, Channel channel) {
		caller.requireAdmin();
		if (person.id().equals(caller.personId())) {
			return tokens.issue(person.id(), name);
		}
		ApiTokens.Issued issued = tokens.issue(person.id(), name, caller.personId());
		events.publishEvent(new TokenIssued(person.id(), person.orgId(), caller.personId(), channel));
		return issued;
	}

	/** Revokes every token of {@code person}: none of them authenticates again. Answers how many there were. */
	@Transactional
	int revokeAll(Caller caller, Person person, Channel channel) {
		caller.requireAdmin();
		int count = tokens.revokeAll(person.id());
		if (!person.id().equals(caller.personId())) {
			events.publishEvent(new TokensRevoked(person.id(), person.orgId(), caller.personId(), channel));
		}
		return count;
	}
}
