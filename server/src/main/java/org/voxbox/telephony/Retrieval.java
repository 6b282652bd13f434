package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxbox.directory.Channel;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.Greetings;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.pin.PhonePin;
import org.voxbox.pin.PinVerification;

/**
 * The owner's side of a call to the voicemail pilot (the key map is in {@code docs/phone-menu.md}): the
 * mailbox number (skipped when the caller's own number is a person's — but caller ID never skips the PIN),
 * then the PIN ending in {@code #}, checked under the same policy and persistent lockout as the portal. An
 * unknown mailbox number is treated exactly like a wrong PIN. Three wrong PINs in one call end it; the
 * policy's {@code maxFailedAttempts} locks the mailbox across calls. A PIN that must be changed is changed
 * first. Then the main menu: messages (each with its envelope), the busy and no-answer greetings and the name
 * (record with review, listen, back to the system greeting), a PIN change, and exit. A caller who presses no
 * key for {@link Services#idleLimit} while a key is awaited (counted from the end of the last prompt or message,
 * or from the last key, whichever is later) hears "goodbye" and is hung up on. Whatever fails while an event is
 * handled (a full PIN hashing queue, the database) ends the call with "sorry, the system is busy" and a hang-up,
 * never in silence.
 *
 * <p>Events (keys from the media thread, prompts finished on the pacer's thread, PIN and database outcomes,
 * the idle limit from the timers' thread) all run on the call executor, each holding this flow's lock, so they
 * run one at a time.
 */
final class Retrieval {

	private static final Logger log = LoggerFactory.getLogger(Retrieval.class);

	static final int TRIES_PER_CALL = 3;

	static final int MAX_DIGITS = 40;

	/** The longest greeting, and name, recorded by phone. */
	static final int MAX_GREETING_MILLIS = 120_000;

	static final int MAX_NAME_MILLIS = 10_000;

	/** A recording shorter than this is "nothing recorded". */
	static final int MIN_RECORDING_MILLIS = 500;

	/** A greeting or name being recorded ends after this much silence, which is trimmed off. */
	static final int RECORDING_SILENCE_MILLIS = 5_000;

	/**
	 * What a call needs that outlives it.
	 *
	 * @param messageStore the owners' messages, from which a call takes its queue of messages to play
	 * @param idleLimit how long a caller may press no key while one is awaited
	 */
	record Services(Executor work, Prompts prompts, CallRouting routing, PinVerification verification,
			VoiceMessages messageStore, PhonePin phonePin, Greetings greetings, CallerGreeting callerGreeting, Clock clock,
			ZoneId zone, Timers timers, Duration idleLimit) {

		/** The same services with {@code work} as the executor: one call's own, serial one. */
		Services on(Executor work) {
			return new Services(work, prompts, routing, verification, messageStore, phonePin, greetings, callerGreeting,
					clock, zone, timers, idleLimit);
		}
	}

	private enum Step {
		MAILBOX, PIN, CHECKING, NEW_PIN, REPEAT_PIN, MAIN, MESSAGE, GREETING_MENU, RECORDING, REVIEW, DONE;

		/** Whether the call waits for a key in this step (not for the PIN check, a recording or the end). */
		boolean awaitsKey() {
			return this != CHECKING && this != RECORDING && this != DONE;
		}
	}

	private final Services services;

	private final Playback voice;

	private final DigitReceiver keys;

	private final G711 law;

	private final Runnable hangUp;

	private Step step = Step.MAILBOX;

	private final StringBuilder digits = new StringBuilder();

	private @Nullable Person owner;

	private Locale language = Locale.ENGLISH;

	private int tries;

	private List<VoiceMessages.Message> queue = List.of();

	private int current;

	private String newPin = "";

	/** Whether the PIN change was forced (a default, reset or expired PIN): then it cannot be cancelled. */
	private boolean forcedChange;

	/** The greeting menu the caller is in, or the recording they are making or reviewing. */
	private Greetings.Kind kind = Greetings.Kind.BUSY;

	private @Nullable Recording recording;

	private byte[] recorded = new byte[0];

	/** The number of the latest clip played; the end of an earlier one, which it replaced, is ignored. */
	private long clip;

	/** Whether the latest clip is still playing. */
	private boolean playing;

	/** The idle limit, running while a key is awaited and nothing plays. */
	private Timers.@Nullable Timer idle;

	/** The number of the idle limit running; one that fires after it was stopped or restarted is ignored. */
	private long idleTurn;

	Retrieval(Services services, Playback voice, DigitReceiver keys, G711 law, Runnable hangUp) {
		this.services = services;
		this.voice = voice;
		this.keys = keys;
		this.law = law;
		this.hangUp = hangUp;
	}

	/** Starts the call: asks for the PIN when the caller's number is a person's, else for the mailbox number. */
	void start(@Nullable Person caller) {
		handle(() -> {
			if (caller != null) {
				owner = caller;
				language = caller.language();
				step = Step.PIN;
				play(prompt("enter_pin"));
			}
			else {
				play(prompt("enter_mailbox"));
			}
		});
	}

	/** A key the caller pressed. Called on the call executor. */
	void key(char key) {
		handle(() -> {
			onKey(key);
			if (!playing) {
				awaitKey(); // the idle limit counts again from this key
			}
		});
	}

	/** The call has ended, whichever side hung up: nothing more is played or awaited. */
	synchronized void ended() {
		step = Step.DONE;
		stopIdle();
	}

	private void onKey(char key) {
		switch (step) {
			case DONE, CHECKING -> {
				// nothing to do, or the PIN is being checked
			}
			case MAIN -> onMainKey(key);
			case MESSAGE -> onMessageKey(key);
			case GREETING_MENU -> onGreetingMenuKey(key);
			case RECORDING -> {
				if (key == '#') {
					recorded();
				}
			}
			case REVIEW -> onReviewKey(key);
			case MAILBOX, PIN, NEW_PIN, REPEAT_PIN -> onDigitsKey(key);
		}
	}

	/** Digits ending in {@code #}: the mailbox number, the PIN, or a new PIN and its repetition. */
	private void onDigitsKey(char key) {
		if (key == '*' && (step == Step.NEW_PIN || step == Step.REPEAT_PIN) && !forcedChange) {
			digits.setLength(0);
			mainMenu(prompt("cancelled"));
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
		switch (step) {
			case NEW_PIN -> {
				newPin = entered;
				step = Step.REPEAT_PIN;
				play(prompt("repeat_pin"));
			}
			case REPEAT_PIN -> {
				step = Step.CHECKING;
				String first = newPin;
				newPin = "";
				UUID me = me();
				later(() -> changed(services.phonePin().change(me, first, entered)));
			}
			case MAILBOX -> {
				owner = services.routing().person(entered).orElse(null);
				if (owner != null) {
					language = owner.language();
				}
				step = Step.PIN;
				play(prompt("enter_pin"));
			}
			default -> {
				step = Step.CHECKING;
				Person who = owner;
				// An unknown mailbox is checked like a wrong PIN, against nobody: no enumeration.
				later(() -> checked(services.verification()
					.verify(who == null ? UUID.randomUUID() : who.id(), entered, Channel.PHONE)));
			}
		}
	}

	private void checked(PinVerification.Outcome outcome) {
		switch (outcome) {
			case ACCEPTED -> mainMenu(counts());
			case ACCEPTED_MUST_CHANGE -> {
				// A default, administrator-set or expired PIN: a new one first, under the same policy.
				step = Step.NEW_PIN;
				forcedChange = true;
				play(concat(prompt("must_change_phone"), prompt("new_pin")));
			}
			case REJECTED -> {
				tries++;
				if (tries >= TRIES_PER_CALL) {
					finish(concat(prompt("wrong_pin"), prompt("goodbye")));
				}
				else {
					step = Step.PIN;
					play(concat(prompt("wrong_pin"), prompt("enter_pin")));
				}
			}
			case REJECTED_NOW_LOCKED, LOCKED -> finish(prompt("locked"));
		}
	}

	private void changed(PhonePin.Result result) {
		if (result.changed()) {
			forcedChange = false;
			mainMenu(concat(prompt("pin_changed"), counts()));
			return;
		}
		// Say which rules the PIN broke, then ask again.
		ByteArrayOutputStream reasons = new ByteArrayOutputStream();
		reasons.writeBytes(prompt("pin_not_accepted"));
		result.violations().forEach(rule -> reasons.writeBytes(prompt("rule_" + rule.name())));
		step = Step.NEW_PIN;
		play(concat(reasons.toByteArray(), prompt("new_pin")));
	}

	// The main menu

	private void mainMenu(byte[] before) {
		step = Step.MAIN;
		play(concat(before, prompt("main_menu")));
	}

	/** "You have N new messages, M saved messages." */
	private byte[] counts() {
		List<VoiceMessages.Message> all = services.messageStore().list(me());
		long unheard = all.stream().filter(m -> !m.heard()).count();
		return services.prompts().say(language, Spoken.counts(unheard, all.size() - unheard, language), law);
	}

	private void onMainKey(char key) {
		switch (key) {
			case '1' -> {
				List<VoiceMessages.Message> all = services.messageStore().list(me());
				// New messages first, urgent ones before the others, oldest first; then the saved ones.
				Comparator<VoiceMessages.Message> oldestFirst = Comparator.comparing(VoiceMessages.Message::received);
				queue = Stream.concat(all.stream().filter(m -> !m.heard())
							.sorted(Comparator.comparing((VoiceMessages.Message m) -> !m.urgent()).thenComparing(oldestFirst)),
						all.stream().filter(VoiceMessages.Message::heard).sorted(oldestFirst))
					.toList();
				current = 0;
				playCurrent(new byte[0], true);
			}
			case '2' -> greetingMenu(Greetings.Kind.BUSY, new byte[0]);
			case '3' -> greetingMenu(Greetings.Kind.NO_ANSWER, new byte[0]);
			case '5' -> greetingMenu(Greetings.Kind.NAME, new byte[0]);
			case '8' -> {
				step = Step.NEW_PIN;
				forcedChange = false;
				play(prompt("new_pin"));
			}
			case '*' -> finish(prompt("goodbye"));
			case '#' -> mainMenu(counts());
			default -> {
				// not a main menu key
			}
		}
	}

	// Messages

	/**
	 * Plays {@code before}, then the current message of the queue (after its envelope when {@code envelope})
	 * and, once it has been heard to the end, marks it heard and plays the message menu; back to the main menu
	 * after the last.
	 */
	private void playCurrent(byte[] before, boolean envelope) {
		UUID me = me();
		while (current < queue.size()) {
			VoiceMessages.Message message = queue.get(current);
			Optional<byte[]> audio = services.messageStore().audio(me, message.id());
			if (audio.isPresent()) {
				step = Step.MESSAGE;
				byte[] head = envelope ? concat(before, envelope(message)) : before;
				play(concat(head, CallAudio.inLaw(audio.get(), law)), () -> heardToTheEnd(message));
				return;
			}
			current++; // deleted meanwhile (by the portal or another call)
		}
		mainMenu(concat(before, prompt("no_more")));
	}

	/** The message was played to its end: it becomes a saved message (unless deleted), and its menu follows. */
	private void heardToTheEnd(VoiceMessages.Message message) {
		if (step != Step.MESSAGE || current >= queue.size() || !queue.get(current).id().equals(message.id())) {
			return;
		}
		services.messageStore().markHeard(me(), message.id());
		play(prompt("message_menu"));
	}

	private void onMessageKey(char key) {
		VoiceMessages.Message message = queue.get(current);
		switch (key) {
			case '2' -> playCurrent(new byte[0], false);
			case '5' -> play(concat(envelope(message), prompt("message_menu")));
			case '4' -> {
				if (current == 0) {
					play(concat(prompt("no_previous"), prompt("message_menu")));
				}
				else {
					current--;
					playCurrent(new byte[0], true);
				}
			}
			case '7' -> {
				services.messageStore().delete(me(), message.id());
				current++;
				playCurrent(prompt("deleted"), true);
			}
			case '9' -> {
				services.messageStore().markHeard(me(), message.id());
				current++;
				playCurrent(prompt("saved"), true);
			}
			case '#', '6' -> {
				// next; a message skipped before its end stays as it was
				current++;
				playCurrent(new byte[0], true);
			}
			case '*' -> mainMenu(new byte[0]);
			default -> {
				// not a message key
			}
		}
	}

	private byte[] envelope(VoiceMessages.Message message) {
		ZonedDateTime now = ZonedDateTime.now(services.clock().withZone(services.zone()));
		return services.prompts().say(language, Spoken.envelope(message, now, language), law);
	}

	// Greetings and the name

	private void greetingMenu(Greetings.Kind which, byte[] before) {
		step = Step.GREETING_MENU;
		kind = which;
		play(concat(before, prompt(switch (which) {
			case BUSY -> "busy_greeting_menu";
			case NO_ANSWER -> "no_answer_greeting_menu";
			case NAME -> "name_menu";
		})));
	}

	private void onGreetingMenuKey(char key) {
		switch (key) {
			case '1' -> record();
			case '2' -> {
				// What callers hear: the custom greeting in use, else the system one; for the name, the name.
				Person me = Objects.requireNonNull(owner);
				byte[] audio;
				if (kind == Greetings.Kind.NAME) {
					audio = services.greetings().recorded(me.id(), kind).map(wav -> CallAudio.inLaw(wav, law))
						.orElseGet(() -> prompt("no_custom"));
				}
				else {
					audio = services.callerGreeting().of(me, kind == Greetings.Kind.BUSY, law);
				}
				greetingMenu(kind, audio);
			}
			case '3' -> {
				if (kind == Greetings.Kind.NAME) {
					services.greetings().deleteName(me());
					greetingMenu(kind, prompt("name_deleted"));
				}
				else {
					services.greetings().useSystemGreeting(me(), kind);
					greetingMenu(kind, prompt("system_greeting_on"));
				}
			}
			case '*' -> mainMenu(new byte[0]);
			default -> {
				// not a greeting menu key
			}
		}
	}

	/** "Record after the tone, then press hash", the tone, then the caller's audio until #, silence or the limit. */
	private void record() {
		step = Step.RECORDING;
		int max = kind == Greetings.Kind.NAME ? MAX_NAME_MILLIS : MAX_GREETING_MILLIS;
		Recording capture = new Recording(law, null, max, RECORDING_SILENCE_MILLIS,
				() -> later(this::recordedBySilenceOrLimit), () -> { });
		recording = capture;
		long mine = startClip();
		voice.play(concat(prompt("record_after_tone"), services.prompts().tone(law)), () -> {
			// On the pacer's thread: the recording starts right after the tone, to the frame.
			capture.arm();
			keys.capture(capture);
			later(() -> played(mine, () -> { }));
		});
	}

	private void recordedBySilenceOrLimit() {
		if (step == Step.RECORDING) {
			recorded();
		}
	}

	/** The recording is over: review it, or say nothing was recorded. */
	private void recorded() {
		Recording capture = recording;
		keys.capture(null);
		recording = null;
		recorded = capture == null ? new byte[0] : capture.finish();
		if (recorded.length / 8 < MIN_RECORDING_MILLIS) {
			recorded = new byte[0];
			greetingMenu(kind, prompt("nothing_recorded"));
			return;
		}
		step = Step.REVIEW;
		play(prompt("review"));
	}

	private void onReviewKey(char key) {
		switch (key) {
			case '1' -> {
				services.greetings().record(me(), kind, recorded.length / 8, CallAudio.format(law),
						CallAudio.wav(law, recorded));
				recorded = new byte[0];
				greetingMenu(kind, prompt(kind == Greetings.Kind.NAME ? "name_saved" : "greeting_saved"));
			}
			case '2' -> play(concat(recorded, prompt("review")));
			case '3' -> record();
			case '*' -> {
				recorded = new byte[0];
				greetingMenu(kind, prompt("cancelled"));
			}
			default -> {
				// not a review key
			}
		}
	}

	// Helpers

	private UUID me() {
		return Objects.requireNonNull(owner).id();
	}

	/** Handles {@code event} on the call executor, after the events already waiting there. */
	private void later(Runnable event) {
		services.work().execute(() -> handle(event));
	}

	/**
	 * Handles one event of the call, under this flow's lock. When it fails the caller hears that the system is
	 * busy and is hung up on; the failure is logged by its exception types alone, as a message might quote what
	 * the caller typed.
	 */
	private synchronized void handle(Runnable event) {
		try {
			event.run();
		}
		catch (RuntimeException ex) {
			log.warn("a retrieval call failed in step {}, the caller is told the system is busy: {}", step, types(ex));
			keys.capture(null);
			recording = null;
			try {
				finish(prompt("system_busy"));
			}
			catch (RuntimeException again) {
				step = Step.DONE;
				hangUp.run();
			}
		}
	}

	/** {@code ex}'s class and its causes', without their messages. */
	private static String types(Throwable ex) {
		StringBuilder types = new StringBuilder(ex.getClass().getName());
		int depth = 0;
		for (Throwable cause = ex.getCause(); cause != null && cause != ex && depth < 5; cause = cause.getCause()) {
			types.append(" caused by ").append(cause.getClass().getName());
			depth++;
		}
		return types.toString();
	}

	private void play(byte[] audio) {
		play(audio, () -> { });
	}

	/**
	 * Plays {@code audio}, replacing what was playing; once it has been played to its end (and nothing replaced
	 * it) runs {@code then} on the call executor and, when a key is awaited, starts the idle limit.
	 */
	private void play(byte[] audio, Runnable then) {
		long mine = startClip();
		voice.play(audio, () -> later(() -> played(mine, then)));
	}

	private long startClip() {
		stopIdle();
		playing = true;
		return ++clip;
	}

	private void played(long which, Runnable then) {
		if (which != clip) {
			return;
		}
		playing = false;
		then.run();
		if (!playing) {
			awaitKey();
		}
	}

	/** (Re)starts the idle limit, when the call waits for a key. */
	private void awaitKey() {
		stopIdle();
		if (!step.awaitsKey()) {
			return;
		}
		long mine = idleTurn;
		idle = services.timers().schedule(services.idleLimit(), () -> later(() -> idled(mine)));
	}

	private void stopIdle() {
		idleTurn++;
		Timers.Timer running = idle;
		idle = null;
		if (running != null) {
			running.cancel();
		}
	}

	/** No key came within the idle limit. */
	private void idled(long turn) {
		if (turn == idleTurn && !playing && step.awaitsKey()) {
			finish(prompt("goodbye"));
		}
	}

	private void finish(byte[] audio) {
		step = Step.DONE;
		startClip();
		voice.play(audio, hangUp);
	}

	private byte[] prompt(String name) {
		return services.prompts().get(language, name, law);
	}

	private static byte[] concat(byte[]... parts) {
		return Playback.concat(parts);
	}
}
