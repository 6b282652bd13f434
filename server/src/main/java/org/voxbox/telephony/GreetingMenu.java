package org.voxbox.telephony;

import org.jspecify.annotations.Nullable;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.Greetings;

/**
 * One of the owner's recordings by phone — the busy greeting, the no-answer greeting or the name. Keys: {@code 1}
 * record it: "record after the tone, then press hash", the tone, then the caller's audio until {@code #}, 5 s of
 * silence (trimmed off) or the limit (2 min, 10 s for the name); under half a second is "nothing recorded",
 * anything longer is reviewed: {@code 1} keep it, {@code 2} listen to it, {@code 3} record it again, {@code *}
 * cancel. {@code 2} hears what callers hear now (the greeting in use, else the system one; the name), {@code 3}
 * goes back to the system greeting (the recording is kept) or deletes the name, {@code *} back to the main menu.
 *
 * <p>Called on the call executor inside {@link Announcer#handle}; a recording that ends by silence or its limit
 * does so in an event of its own.
 */
final class GreetingMenu implements Menu {

	/** The longest greeting, and name, recorded by phone. */
	static final int MAX_GREETING_MILLIS = 120_000;

	static final int MAX_NAME_MILLIS = 10_000;

	/** A recording shorter than this is "nothing recorded". */
	static final int MIN_RECORDING_MILLIS = 500;

	/** A greeting or name being recorded ends after this much silence, which is trimmed off. */
	static final int RECORDING_SILENCE_MILLIS = 5_000;

	private enum Step {
		GREETING_MENU, RECORDING, REVIEW
	}

	private final Announcer announcer;

	private final Greetings greetings;

	private final CallerGreeting callerGreeting;

	private final Person owner;

	private final Greetings.Kind kind;

	private final Runnable back;

	private Step step = Step.GREETING_MENU;

	/** The recording being made. */
	private @Nullable Recording recording;

	/** The recording made, under review. */
	private byte[] recorded = new byte[0];

	/** @param back the main menu */
	GreetingMenu(Announcer announcer, Greetings greetings, CallerGreeting callerGreeting, Person owner,
			Greetings.Kind kind, Runnable back) {
		this.announcer = announcer;
		this.greetings = greetings;
		this.callerGreeting = callerGreeting;
		this.owner = owner;
		this.kind = kind;
		this.back = back;
	}

	/** Plays the menu. */
	void start() {
		menu(new byte[0]);
	}

	@Override
	public void key(char key) {
		switch (step) {
			case GREETING_MENU -> onMenuKey(key);
			case RECORDING -> {
				if (key == '#') {
					recorded();
				}
			}
			case REVIEW -> onReviewKey(key);
		}
	}

	@Override
	public boolean awaitsKey() {
		return step != Step.RECORDING;
	}

	@Override
	public String step() {
		return step.name();
	}

	private void menu(byte[] before) {
		step = Step.GREETING_MENU;
		announcer.play(Playback.concat(before, announcer.prompt(switch (kind) {
			case BUSY -> "busy_greeting_menu";
			case NO_ANSWER -> "no_answer_greeting_menu";
			case NAME -> "name_menu";
		})));
	}

	private void onMenuKey(char key) {
		switch (key) {
			case '1' -> record();
			case '2' -> {
				// What callers hear: the custom greeting in use, else the system one; for the name, the name.
				byte[] audio;
				if (kind == Greetings.Kind.NAME) {
					audio = greetings.recorded(owner.id(), kind).map(wav -> CallAudio.inLaw(wav, announcer.law()))
						.orElseGet(() -> announcer.prompt("no_custom"));
				}
				else {
					audio = callerGreeting.of(owner, kind == Greetings.Kind.BUSY, announcer.law());
				}
				menu(audio);
			}
			case '3' -> {
				if (kind == Greetings.Kind.NAME) {
					greetings.deleteName(owner.id());
					menu(announcer.prompt("name_deleted"));
				}
				else {
					greetings.useSystemGreeting(owner.id(), kind);
					menu(announcer.prompt("system_greeting_on"));
				}
			}
			case '*' -> back.run();
			default -> {
				// not a greeting menu key
			}
		}
	}

	/** "Record after the tone, then press hash", the tone, then the caller's audio until #, silence or the limit. */
	private void record() {
		step = Step.RECORDING;
		int max = kind == Greetings.Kind.NAME ? MAX_NAME_MILLIS : MAX_GREETING_MILLIS;
		Recording capture = new Recording(announcer.law(), null, max, RECORDING_SILENCE_MILLIS,
				() -> announcer.later(this::recordedBySilenceOrLimit), () -> { });
		recording = capture;
		announcer.playThenRecord(Playback.concat(announcer.prompt("record_after_tone"), announcer.tone()), capture);
	}

	private void recordedBySilenceOrLimit() {
		if (step == Step.RECORDING && !announcer.over()) {
			recorded();
		}
	}

	/** The recording is over: review it, or say nothing was recorded. */
	private void recorded() {
		Recording capture = recording;
		announcer.stopCapture();
		recording = null;
		recorded = capture == null ? new byte[0] : capture.finish();
		if (recorded.length / 8 < MIN_RECORDING_MILLIS) {
			recorded = new byte[0];
			menu(announcer.prompt("nothing_recorded"));
			return;
		}
		step = Step.REVIEW;
		announcer.play(announcer.prompt("review"));
	}

	private void onReviewKey(char key) {
		switch (key) {
			case '1' -> {
				greetings.record(owner.id(), kind, recorded.length / 8, CallAudio.format(announcer.law()),
						CallAudio.wav(announcer.law(), recorded));
				recorded = new byte[0];
				menu(announcer.prompt(kind == Greetings.Kind.NAME ? "name_saved" : "greeting_saved"));
			}
			case '2' -> announcer.play(Playback.concat(recorded, announcer.prompt("review")));
			case '3' -> record();
			case '*' -> {
				recorded = new byte[0];
				menu(announcer.prompt("cancelled"));
			}
			default -> {
				// not a review key
			}
		}
	}
}
