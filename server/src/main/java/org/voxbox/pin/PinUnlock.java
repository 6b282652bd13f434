package org.voxbox.pin;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.voxbox.directory.Person;

/** An administrator unlocks a locked mailbox without changing its PIN: the failed-attempt count starts over. */
@Component
class PinUnlock {

	private final PinCredentials credentials;

	private final ApplicationEventPublisher events;

	PinUnlock(PinCredentials credentials, ApplicationEventPublisher events) {
		this.credentials = credentials;
		this.events = events;
	}

	/** @return whether the mailbox was locked */
	@Transactional
	boolean unlock(PinChange.Actor admin, Person person) {
		PinCredentials.Credential now = credentials.lock(person.id());
		if (!now.locked()) {
			return false;
		}
		credentials.recordFailure(person.id(), 0, false);
		events.publishEvent(new MailboxUnlocked(person.id(), person.orgId(), admin.personId(), admin.channel()));
		return true;
	}
}
