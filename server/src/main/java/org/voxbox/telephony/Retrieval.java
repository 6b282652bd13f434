package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.voxbox.directory.Channel;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.pin.PinVerification;

/**
 * The owner's side of a call to the voicemail pilot, as far as it goes today: the mailbox number (skipped when
 * the caller's own number is a person's — but caller ID never skips the PIN), then the PIN ending in {@code #},
 * checked under the same policy and persistent lockout as the portal. An unknown mailbox number is treated
 * exactly like a wrong PIN. Three wrong PINs in one call end it; the policy's {@code maxFailedAttempts} locks the
 * mailbox across calls. After a right PIN the caller hears how many new and saved messages they have.
 *
 * <p>Events (keys from the media thread, prompts finished on the pacer's thread, PIN outcomes) all run on the
 * call executor, one at a time.
 */
final class Retrieval {

	static final int TRIES_PER_CALL = 3;

	static final int MAX_DIGITS = 40;

	private enum Step {
		MAILBOX, PIN, CHECKING, DONE
	}

	private final Executor work;

	private final Playback voice;

	private final Prompts prompts;

	private final G711 law;

	private final CallRouting routing;

	private final PinVerification verification;

	private final VoiceMessages messages;

	private final Runnable hangUp;

	private Step step = Step.MAILBOX;

	private final StringBuilder digits = new StringBuilder();

	private @Nullable Person owner;

	private Locale language = Locale.ENGLISH;

	private int tries;

	Retrieval(Executor work, Playback voice, Prompts prompts, G711 law, CallRouting routing, PinVerification verification,
			VoiceMessages messages, Runnable hangUp) {
		this.work = work;
		this.voice = voice;
		this.prompts = prompts;
		this.law = law;
		this.routing = routing;
		this.verification = verification;
		this.messages = messages;
		this.hangUp = hangUp;
	}

	/** Starts the call: asks for the PIN when the caller's number is a person's, else for the mailbox number. */
	synchronized void start(@Nullable Person caller) {
		if (caller != null) {
			owner = caller;
			language = caller.language();
			step = Step.PIN;
			say("enter_pin");
		}
		else {
			say("enter_mailbox");
		}
	}

	/** A key the caller pressed. Called on the call executor. */
	synchronized void key(char key) {
		if (step == Step.DONE || step == Step.CHECKING) {
			return;
		}
		if (key != '#') {
			if (Character.isDigit(key) && digits.length() < MAX_DIGITS) {
				digits.append(key);
			}
			return;
		}
		String entered = digits.toString();
		digits.setLength(0);
		if (step == Step.MAILBOX) {
			owner = routing.person(entered).orElse(null);
			if (owner != null) {
				language = owner.language();
			}
			step = Step.PIN;
			say("enter_pin");
			return;
		}
		step = Step.CHECKING;
		Person who = owner;
		work.execute(() -> checked(verification.verify(who == null ? UUID.randomUUID() : who.id(), entered, Channel.PHONE)));
	}

	private synchronized void checked(PinVerification.Outcome outcome) {
		switch (outcome) {
			case ACCEPTED -> {
				step = Step.DONE;
				List<VoiceMessages.Message> all = messages.list(java.util.Objects.requireNonNull(owner).id());
				long unheard = all.stream().filter(m -> !m.heard()).count();
				finish(concat(prompt("you_have"), number(unheard), prompt("new_messages"), number(all.size() - unheard),
						prompt("saved_messages"), prompt("goodbye")));
			}
			case ACCEPTED_MUST_CHANGE -> {
				step = Step.DONE;
				finish(concat(prompt("must_change"), prompt("goodbye")));
			}
			case REJECTED -> {
				tries++;
				if (tries >= TRIES_PER_CALL) {
					step = Step.DONE;
					finish(concat(prompt("wrong_pin"), prompt("goodbye")));
				}
				else {
					step = Step.PIN;
					voice.play(concat(prompt("wrong_pin"), prompt("enter_pin")), () -> { });
				}
			}
			case REJECTED_NOW_LOCKED, LOCKED -> {
				step = Step.DONE;
				finish(prompt("locked"));
			}
		}
	}

	private void say(String name) {
		voice.play(prompt(name), () -> { });
	}

	private void finish(byte[] audio) {
		voice.play(audio, hangUp);
	}

	private byte[] prompt(String name) {
		return prompts.get(language, name, law);
	}

	/** A count, digit by digit ("one two" for 12): full number words come with the message menu. */
	private byte[] number(long n) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (char c : Long.toString(n).toCharArray()) {
			out.writeBytes(prompt(String.valueOf(c)));
		}
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		return Playback.concat(parts);
	}
}
