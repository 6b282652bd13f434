package org.voxbox.pin;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.pinpolicy.PinRule;
import org.voxbox.web.ApiException;

/**
 * Changing one's own PIN by phone: the same policy, history, unlocking and audit as the portal and the API,
 * entered twice. Blocks for the slow hashes; call it off the media threads.
 */
@Component
public class PhonePin {

	private final People people;

	private final PinChange change;

	PhonePin(People people, PinChange change) {
		this.people = people;
		this.change = change;
	}

	/**
	 * The outcome of a change.
	 *
	 * @param violations the rules the PIN broke, in the spec's order (empty when it was set, or when it could not
	 * be checked just now: too many checks, a busy hashing queue, voicemail switched off meanwhile)
	 */
	public record Result(boolean changed, List<PinRule> violations) {
	}

	/** Sets the owner's new PIN. */
	public Result change(UUID personId, String pin, String confirmation) {
		Person person = people.find(personId).orElseThrow();
		try {
			change.set(new PinChange.Actor(personId, Channel.PHONE, person.language()), person, pin, confirmation);
			return new Result(true, List.of());
		}
		catch (PinRejected rejected) {
			return new Result(false, rejected.violations());
		}
		catch (PinHasher.HashingBusy | ApiException notNow) {
			return new Result(false, List.of());
		}
	}
}
