package org.voxbox.telephony;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.voxbox.directory.Channel;
import org.voxbox.directory.Person;
import org.voxbox.pin.PinVerification;

/**
 * How a retrieval call begins: the mailbox number ending in {@code #} (skipped when the caller's own number is a
 * person's — but caller ID never skips the PIN), then the PIN ending in {@code #}, checked by
 * {@link PinVerification} under the portal's policy and persistent lockout. An unknown mailbox number is checked
 * like a wrong PIN, against nobody, so it costs and sounds the same. Three wrong PINs in one call end it with
 * "goodbye"; a mailbox the policy's {@code maxFailedAttempts} locked (now or before) with "locked". Once the
 * mailbox is known, prompts are in its owner's language.
 *
 * <p>Called on the call executor inside {@link Announcer#handle}; the PIN is checked off it
 * ({@link Announcer#slowly}), and its verdict comes back as an event of its own.
 */
final class PhoneLogin implements Menu {

	static final int TRIES_PER_CALL = 3;

	/** Where the call goes once the PIN is accepted. */
	@FunctionalInterface
	interface Accepted {

		/** @param mustChangePin whether the PIN is a default, administrator-set or expired one, to be changed first */
		void owner(Person owner, boolean mustChangePin);
	}

	private enum Step {
		MAILBOX, PIN, CHECKING
	}

	private final Announcer announcer;

	private final CallRouting routing;

	private final PinVerification verification;

	private final Accepted accepted;

	private final DigitEntry digits = new DigitEntry();

	private Step step = Step.MAILBOX;

	/** The mailbox's owner, once known: null for a mailbox number that is nobody's. */
	private @Nullable Person owner;

	private int tries;

	PhoneLogin(Announcer announcer, CallRouting routing, PinVerification verification, Accepted accepted) {
		this.announcer = announcer;
		this.routing = routing;
		this.verification = verification;
		this.accepted = accepted;
	}

	/** Asks for the PIN when {@code caller} (the caller's own number) is a person, else for the mailbox number. */
	void start(@Nullable Person caller) {
		if (caller != null) {
			owner = caller;
			announcer.useLanguage(caller.language());
			step = Step.PIN;
			announcer.play(announcer.prompt("enter_pin"));
		}
		else {
			announcer.play(announcer.prompt("enter_mailbox"));
		}
	}

	@Override
	public void key(char key) {
		if (step == Step.CHECKING) {
			return; // the PIN is being checked
		}
		String entered = digits.add(key);
		if (entered == null) {
			return;
		}
		if (step == Step.MAILBOX) {
			owner = routing.person(entered).orElse(null);
			if (owner != null) {
				announcer.useLanguage(owner.language());
			}
			step = Step.PIN;
			announcer.play(announcer.prompt("enter_pin"));
			return;
		}
		step = Step.CHECKING;
		Person who = owner;
		// An unknown mailbox is checked like a wrong PIN, against nobody: no enumeration.
		announcer.slowly(() -> verification.verify(who == null ? UUID.randomUUID() : who.id(), entered, Channel.PHONE),
				this::checked);
	}

	@Override
	public boolean awaitsKey() {
		return step != Step.CHECKING;
	}

	@Override
	public String step() {
		return step.name();
	}

	private void checked(PinVerification.Outcome outcome) {
		switch (outcome) {
			case ACCEPTED -> accepted.owner(Objects.requireNonNull(owner), false);
			case ACCEPTED_MUST_CHANGE -> accepted.owner(Objects.requireNonNull(owner), true);
			case REJECTED -> {
				tries++;
				if (tries >= TRIES_PER_CALL) {
					announcer.finish(Playback.concat(announcer.prompt("wrong_pin"), announcer.prompt("goodbye")));
				}
				else {
					step = Step.PIN;
					announcer.play(Playback.concat(announcer.prompt("wrong_pin"), announcer.prompt("enter_pin")));
				}
			}
			case REJECTED_NOW_LOCKED, LOCKED -> announcer.finish(announcer.prompt("locked"));
		}
	}
}
