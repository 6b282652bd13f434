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
		MAILBOX, PIN, CHECKING, NEW_PIN, REPEAT_PIN, MAIN, MESSAGE, DONE
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

	private List<VoiceMessages.Message> queue = List.of();

	private String newPin = "";

	private final org.voxbox.pin.PhonePin phonePin;

	private int current;

	Retrieval(Executor work, Playback voice, Prompts prompts, G711 law, CallRouting routing, PinVerification verification,
			VoiceMessages messages, org.voxbox.pin.PhonePin phonePin, Runnable hangUp) {
		this.phonePin = phonePin;
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
		if (step == Step.MAIN) {
			if (key == '1') {
				UUID me = java.util.Objects.requireNonNull(owner).id();
				List<VoiceMessages.Message> all = messages.list(me);
				// New messages first, oldest first; then the saved ones.
				queue = java.util.stream.Stream.concat(
						all.stream().filter(m -> !m.heard()).sorted(java.util.Comparator.comparing(VoiceMessages.Message::received)),
						all.stream().filter(VoiceMessages.Message::heard)
							.sorted(java.util.Comparator.comparing(VoiceMessages.Message::received)))
					.toList();
				current = 0;
				playCurrent(new byte[0]);
			}
			return;
		}
		if (step == Step.MESSAGE) {
			onMessageKey(key);
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
		if (step == Step.NEW_PIN) {
			newPin = entered;
			step = Step.REPEAT_PIN;
			say("repeat_pin");
			return;
		}
		if (step == Step.REPEAT_PIN) {
			step = Step.CHECKING;
			String first = newPin;
			newPin = "";
			UUID me = java.util.Objects.requireNonNull(owner).id();
			work.execute(() -> changed(phonePin.change(me, first, entered)));
			return;
		}
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
				step = Step.MAIN;
				List<VoiceMessages.Message> all = messages.list(java.util.Objects.requireNonNull(owner).id());
				long unheard = all.stream().filter(m -> !m.heard()).count();
				voice.play(concat(prompt("you_have"), number(unheard), prompt("new_messages"), number(all.size() - unheard),
						prompt("saved_messages"), prompt("main_menu")), () -> { });
			}
			case ACCEPTED_MUST_CHANGE -> {
				// A default, administrator-set or expired PIN: a new one first, under the same policy.
				step = Step.NEW_PIN;
				voice.play(concat(prompt("must_change_phone"), prompt("new_pin")), () -> { });
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

	/** Plays {@code before}, then the current message of the queue and its menu; back to the main menu after the last. */
	private void playCurrent(byte[] before) {
		UUID me = java.util.Objects.requireNonNull(owner).id();
		while (current < queue.size()) {
			VoiceMessages.Message message = queue.get(current);
			var audio = messages.audio(me, message.id());
			if (audio.isPresent()) {
				step = Step.MESSAGE;
				voice.play(concat(before, inCallLaw(audio.get()), prompt("message_menu")), () -> { });
				// Heard once played to the owner: it becomes a saved message unless deleted.
				messages.markHeard(me, message.id());
				return;
			}
			current++; // deleted meanwhile (by the portal or another call)
		}
		step = Step.MAIN;
		voice.play(concat(before, prompt("no_more"), prompt("main_menu")), () -> { });
	}

	private void onMessageKey(char key) {
		UUID me = java.util.Objects.requireNonNull(owner).id();
		VoiceMessages.Message message = queue.get(current);
		switch (key) {
			case '2' -> playCurrent(new byte[0]);
			case '7' -> {
				messages.delete(me, message.id());
				current++;
				playCurrent(prompt("deleted"));
			}
			case '9' -> {
				current++;
				playCurrent(prompt("saved"));
			}
			case '#' -> {
				current++;
				playCurrent(new byte[0]);
			}
			default -> {
				// other keys do nothing here
			}
		}
	}

	/** A stored message's audio in this call's G.711 law (bit for bit when the laws are the same). */
	private byte[] inCallLaw(byte[] wavFile) {
		org.voxbox.media.Wav wav = org.voxbox.media.Wav.parse(wavFile);
		java.nio.ByteBuffer data = wav.audio();
		byte[] audio = new byte[data.remaining()];
		data.get(audio);
		short[] pcm;
		if (wav.encoding() == org.voxbox.media.Wav.Encoding.PCM_16) {
			pcm = new short[audio.length / 2];
			for (int i = 0; i < pcm.length; i++) {
				pcm[i] = (short) ((audio[2 * i] & 0xff) | (audio[2 * i + 1] << 8));
			}
		}
		else {
			G711 stored = wav.encoding() == org.voxbox.media.Wav.Encoding.ALAW ? G711.ALAW : G711.ULAW;
			if (stored == law) {
				return audio;
			}
			pcm = new short[audio.length];
			stored.decode(audio, 0, pcm, 0, audio.length);
		}
		byte[] out = new byte[pcm.length];
		law.encode(pcm, 0, out, 0, pcm.length);
		return out;
	}

	private synchronized void changed(org.voxbox.pin.PhonePin.Result result) {
		if (result.changed()) {
			step = Step.MAIN;
			List<VoiceMessages.Message> all = messages.list(java.util.Objects.requireNonNull(owner).id());
			long unheard = all.stream().filter(m -> !m.heard()).count();
			voice.play(concat(prompt("pin_changed"), prompt("you_have"), number(unheard), prompt("new_messages"),
					number(all.size() - unheard), prompt("saved_messages"), prompt("main_menu")), () -> { });
			return;
		}
		// Say which rules the PIN broke, then ask again.
		ByteArrayOutputStream reasons = new ByteArrayOutputStream();
		reasons.writeBytes(prompt("pin_not_accepted"));
		result.violations().forEach(rule -> reasons.writeBytes(prompt("rule_" + rule.name())));
		step = Step.NEW_PIN;
		voice.play(concat(reasons.toByteArray(), prompt("new_pin")), () -> { });
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
