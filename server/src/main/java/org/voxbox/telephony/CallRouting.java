package org.voxbox.telephony;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.directory.PhoneNumbers;
import org.voxbox.mailbox.Mailboxes;

/** Where a call goes: the voicemail pilot (retrieval), a person's mailbox (deposit), or nowhere. */
@Component
class CallRouting {

	private final SipSettings settings;

	private final People people;

	private final PhoneNumbers numbers;

	private final Mailboxes mailboxes;

	CallRouting(SipSettings settings, People people, PhoneNumbers numbers, Mailboxes mailboxes) {
		this.settings = settings;
		this.people = people;
		this.numbers = numbers;
		this.mailboxes = mailboxes;
	}

	/** The outcome of routing one INVITE. */
	sealed interface Route {
	}

	/** The voicemail pilot: the owner's menus ({@link org.voxbox.telephony.Retrieval}). */
	record Pilot() implements Route {
	}

	/** A person's mailbox, voicemail on: the caller leaves a message ({@link org.voxbox.telephony.Deposit}). */
	record Mailbox(Person owner) implements Route {
	}

	/** The number is nobody's (404). */
	record Unknown() implements Route {
	}

	/** The person's voicemail is off (480). */
	record Disabled() implements Route {
	}

	/** The person whose phone number or extension {@code number} is, if exactly one. Blocks on the database. */
	Optional<Person> person(String number) {
		if (!number.matches("\\+?[0-9]{2,20}")) {
			return Optional.empty();
		}
		return people.findByNumber(number.replace("+", ""), numbers.dialled(number));
	}

	/** Routes by the Request-URI user, which must be a pilot, an extension or a phone number. Blocks on the database. */
	Route route(String user) {
		if (settings.pilots().contains(user)) {
			return new Pilot();
		}
		Optional<Person> person = person(user);
		if (person.isEmpty()) {
			return new Unknown();
		}
		return mailboxes.isEnabled(person.get().id()) ? new Mailbox(person.get()) : new Disabled();
	}
}
