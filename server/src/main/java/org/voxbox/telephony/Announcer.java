package org.voxbox.telephony;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxbox.media.G711;

/**
 * What the menus of one retrieval call share: what the caller hears, one clip at a time, with prompts in the
 * owner's language once the mailbox is known (English before); the idle limit; the call's one way to end
 * ({@link #finish}); and the handling of each event, where whatever fails ends the call with "sorry, the system
 * is busy" instead of silence.
 *
 * <p>The idle limit runs while the active menu awaits a key and nothing plays, counted from the end of the last
 * clip or from the last key, whichever is later; when it runs out the caller hears "goodbye" and is hung up on.
 * Once the call is over — {@link #finish} or {@link #ended} — no key is awaited and the end of a clip that was
 * playing runs nothing.
 *
 * <p>{@link #handle}, {@link #later} and {@link #ended} may be called from any thread; every other method only
 * from inside {@link #handle}: on the call executor, holding this announcer's lock.
 */
final class Announcer {

	/** A failure is logged under the call flow's name: it is the retrieval call that failed. */
	private static final Logger log = LoggerFactory.getLogger(Retrieval.class);

	private final Retrieval.Services services;

	private final Playback voice;

	private final DigitReceiver keys;

	private final G711 law;

	private final Runnable hangUp;

	private final Supplier<Menu> menu;

	private Locale language = Locale.ENGLISH;

	/** Whether the call is over: it is ending (a last prompt may still play) or has ended. */
	private boolean over;

	/** The number of the latest clip played; the end of an earlier one, which it replaced, is ignored. */
	private long clip;

	/** Whether the latest clip is still playing. */
	private boolean playing;

	/** The idle limit, running while a key is awaited and nothing plays. */
	private Timers.@Nullable Timer idle;

	/** The number of the idle limit running; one that fires after it was stopped or restarted is ignored. */
	private long idleTurn;

	/**
	 * @param keys where the caller's key presses come from, and their audio goes while a recording is made
	 * @param hangUp how the call ends from this side, once the last prompt has been played; run on the pacer's
	 * thread (on the call executor when not even the apology can be played), must not block
	 * @param menu the menu the caller is in now: whether it awaits a key, and its step for the log
	 */
	Announcer(Retrieval.Services services, Playback voice, DigitReceiver keys, G711 law, Runnable hangUp,
			Supplier<Menu> menu) {
		this.services = services;
		this.voice = voice;
		this.keys = keys;
		this.law = law;
		this.hangUp = hangUp;
		this.menu = menu;
	}

	/**
	 * Handles one event of the call, under this announcer's lock. When it fails the caller hears that the system
	 * is busy and is hung up on; the failure is logged by its exception types alone, as a message might quote what
	 * the caller typed.
	 */
	synchronized void handle(Runnable event) {
		try {
			event.run();
		}
		catch (RuntimeException ex) {
			log.warn("a retrieval call failed in step {}, the caller is told the system is busy: {}", step(),
					types(ex));
			keys.capture(null);
			try {
				finish(prompt("system_busy"));
			}
			catch (RuntimeException again) {
				over = true;
				hangUp.run();
			}
		}
	}

	/**
	 * Runs {@code task} off the call executor — it is slow: a PIN's hash, the database — and then {@code then}
	 * with its result as an event of the call; a task that fails is such an event too (the apology). So a slow
	 * task never holds up another call's keys. Any thread.
	 */
	<T> void slowly(Supplier<T> task, Consumer<T> then) {
		services.slow().execute(() -> {
			T result;
			try {
				result = task.get();
			}
			catch (RuntimeException ex) {
				later(() -> {
					throw ex;
				});
				return;
			}
			later(() -> then.accept(result));
		});
	}

	/** Handles {@code event} on the call executor, after the events already waiting there. Any thread. */
	void later(Runnable event) {
		services.work().execute(() -> handle(event));
	}

	/** The call has ended, whichever side hung up: nothing more is awaited. Any thread. */
	synchronized void ended() {
		over = true;
		stopIdle();
	}

	/** Whether the call is ending or has ended: keys are no longer for the menus. */
	boolean over() {
		return over;
	}

	/** A key was handled: the idle limit counts again from it, or from the end of what plays now. */
	void keyHandled() {
		if (!playing) {
			awaitKey();
		}
	}

	/** Plays {@code audio}, replacing what was playing. */
	void play(byte[] audio) {
		play(audio, () -> { });
	}

	/**
	 * Plays {@code audio}, replacing what was playing; once it has been played to its end (and nothing replaced
	 * it, and the call is not over) runs {@code then} and, when a key is awaited, starts the idle limit.
	 */
	void play(byte[] audio, Runnable then) {
		play(List.of(Playback.Part.of(audio)), then);
	}

	/** Plays {@code parts} one after the other, as {@link #play(byte[], Runnable)} plays its audio. */
	void play(List<Playback.Part> parts, Runnable then) {
		long mine = startClip();
		voice.play(parts, () -> later(() -> played(mine, then)));
	}

	/**
	 * Silence while {@code task} runs off the call executor, where {@link #slowly} runs its tasks (a message being
	 * copied, to be played). The task hands over its result as soon as it has it, and may go on working after; the
	 * result comes back as an event of the call, to {@code then} — or to {@code unused} when the call is over or
	 * another clip was played meanwhile (the caller went on). A task that fails is such an event too (the apology).
	 * No idle limit runs while the result is awaited.
	 */
	<T> void fetch(Consumer<Consumer<T>> task, Consumer<T> then, Consumer<T> unused) {
		long mine = startClip();
		voice.play(List.of(), () -> { });
		services.slow().execute(() -> {
			try {
				task.accept(result -> later(() -> {
					if (mine != clip || over) {
						unused.accept(result);
					}
					else {
						then.accept(result);
					}
				}));
			}
			catch (RuntimeException ex) {
				later(() -> {
					throw ex;
				});
			}
		});
	}

	/**
	 * Plays {@code audio} (the prompt and the tone), then hands the caller's audio to {@code capture}, armed the
	 * moment the audio ends, to the frame; until {@link #stopCapture()}. No idle limit runs meanwhile as long as
	 * the active menu awaits no key.
	 */
	void playThenRecord(byte[] audio, Recording capture) {
		long mine = startClip();
		voice.play(audio, () -> {
			// On the pacer's thread: the recording starts right after the tone.
			capture.arm();
			keys.capture(capture);
			later(() -> played(mine, () -> { }));
		});
	}

	/** The caller's audio goes to no recording any more. */
	void stopCapture() {
		keys.capture(null);
	}

	/** Ends the call: plays {@code audio}, then hangs up. Keys from now on go to no menu. */
	void finish(byte[] audio) {
		over = true;
		startClip();
		voice.play(audio, hangUp);
	}

	/** From now on prompts are in {@code language}: the mailbox owner's. */
	void useLanguage(Locale language) {
		this.language = language;
	}

	Locale language() {
		return language;
	}

	G711 law() {
		return law;
	}

	/** The prompt {@code name} in the call's language and law. */
	byte[] prompt(String name) {
		return services.prompts().get(language, name, law);
	}

	/** The prompts {@code names} one after the other (words composed by {@link Spoken}). */
	byte[] say(List<String> names) {
		return services.prompts().say(language, names, law);
	}

	/** The tone that starts a recording. */
	byte[] tone() {
		return services.prompts().tone(law);
	}

	private String step() {
		return over ? "DONE" : menu.get().step();
	}

	private long startClip() {
		stopIdle();
		playing = true;
		return ++clip;
	}

	private void played(long which, Runnable then) {
		if (which != clip || over) {
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
		if (over || !menu.get().awaitsKey()) {
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
		if (turn == idleTurn && !playing && !over && menu.get().awaitsKey()) {
			finish(prompt("goodbye"));
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
}
