package org.voxbox.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.Greetings;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;
import org.voxbox.pin.PhonePin;
import org.voxbox.pin.PinVerification;

/**
 * The owner's side of a call to the voicemail pilot (the key map is in {@code docs/phone-menu.md}), one menu at a
 * time, each a class with its own state: {@link PhoneLogin} (the mailbox number and the PIN), a
 * {@link PinChangeMenu} when the PIN must be changed, then the main menu, which is this class's own — {@code 1} the
 * {@link MessageMenu}, {@code 2} and {@code 3} the busy and no-answer greetings and {@code 5} the name (each a
 * {@link GreetingMenu}), {@code 8} a {@link PinChangeMenu}, {@code *} goodbye, {@code #} the counts and the menu again.
 * A key goes to the menu the caller is in; a menu leaves back to the main menu through what it was given. What
 * plays, the idle limit, the end of the call and a failure ("sorry, the system is busy") are the
 * {@link Announcer}'s, shared by all the menus.
 *
 * <p>Events (keys from the media thread, prompts finished on the pacer's thread, PIN and database outcomes, the
 * idle limit from the timers' thread) all run on the call executor, each holding the announcer's lock, so they
 * run one at a time.
 */
final class Retrieval {

	/**
	 * What a call needs that outlives it.
	 *
	 * @param messageStore the owners' messages (the message menu takes its queue from here)
	 * @param playSpool where a message is copied to be played
	 * @param idleLimit how long a caller may press no key while one is awaited
	 * @param slow where a PIN check or change, or a message's copy, runs: off the call executor, so it never holds
	 * up a call's keys
	 */
	record Services(Executor work, Prompts prompts, CallRouting routing, PinVerification verification,
			VoiceMessages messageStore, PlaySpool playSpool, PhonePin phonePin, Greetings greetings,
			CallerGreeting callerGreeting, Clock clock, ZoneId zone, Timers timers, Duration idleLimit, Executor slow) {

		/** The same services with {@code work} as the executor: one call's own, serial one. */
		Services on(Executor work) {
			return new Services(work, prompts, routing, verification, messageStore, playSpool, phonePin, greetings,
					callerGreeting, clock, zone, timers, idleLimit, slow);
		}
	}

	private final Services services;

	private final Announcer announcer;

	private final PhoneLogin login;

	private final Menu main = new MainMenu();

	/** The menu the caller's keys go to. */
	private Menu menu;

	/** The mailbox's owner, once the PIN was accepted. */
	private @Nullable Person owner;

	Retrieval(Services services, Playback voice, DigitReceiver keys, G711 law, Runnable hangUp) {
		this.services = services;
		this.announcer = new Announcer(services, voice, keys, law, hangUp, () -> menu);
		this.login = new PhoneLogin(announcer, services.routing(), services.verification(), this::loggedIn);
		this.menu = login;
	}

	/** Starts the call: asks for the PIN when the caller's number is a person's, else for the mailbox number. */
	void start(@Nullable Person caller) {
		announcer.handle(() -> login.start(caller));
	}

	/** A key the caller pressed. Called on the call executor. */
	void key(char key) {
		announcer.handle(() -> {
			if (!announcer.over()) {
				menu.key(key);
			}
			announcer.keyHandled();
		});
	}

	/** The call has ended, whichever side hung up: nothing more is played or awaited. */
	void ended() {
		announcer.ended();
	}

	/** The PIN was accepted: the main menu, after a PIN change when the PIN must be changed. */
	private void loggedIn(Person who, boolean mustChangePin) {
		owner = who;
		if (mustChangePin) {
			// A default, administrator-set or expired PIN: a new one first, under the same policy.
			changePin(true);
		}
		else {
			mainMenu(counts());
		}
	}

	/** Plays {@code before}, then the main menu, and takes the caller's keys there. */
	private void mainMenu(byte[] before) {
		menu = main;
		announcer.play(Playback.concat(before, announcer.prompt("main_menu")));
	}

	/** "You have N new messages, M saved messages." */
	private byte[] counts() {
		List<VoiceMessages.Message> all = services.messageStore().list(me().id());
		long unheard = all.stream().filter(m -> !m.heard()).count();
		return announcer.say(Spoken.counts(unheard, all.size() - unheard, announcer.language()));
	}

	private void changePin(boolean forced) {
		PinChangeMenu change = new PinChangeMenu(announcer, services.phonePin(), me().id(), forced,
				() -> mainMenu(Playback.concat(announcer.prompt("pin_changed"), counts())),
				() -> mainMenu(announcer.prompt("cancelled")));
		menu = change;
		change.start();
	}

	private void messages() {
		MessageMenu messages = new MessageMenu(announcer, services.messageStore(), services.playSpool(), me().id(),
				services.clock(), services.zone(), this::mainMenu);
		menu = messages;
		messages.start();
	}

	private void greetings(Greetings.Kind kind) {
		GreetingMenu greetings = new GreetingMenu(announcer, services.greetings(), services.callerGreeting(), me(),
				kind, () -> mainMenu(new byte[0]));
		menu = greetings;
		greetings.start();
	}

	private Person me() {
		return Objects.requireNonNull(owner);
	}

	/** The main menu's keys. */
	private final class MainMenu implements Menu {

		@Override
		public void key(char key) {
			switch (key) {
				case '1' -> messages();
				case '2' -> greetings(Greetings.Kind.BUSY);
				case '3' -> greetings(Greetings.Kind.NO_ANSWER);
				case '5' -> greetings(Greetings.Kind.NAME);
				case '8' -> changePin(false);
				case '*' -> announcer.finish(announcer.prompt("goodbye"));
				case '#' -> mainMenu(counts());
				default -> {
					// not a main menu key
				}
			}
		}

		@Override
		public boolean awaitsKey() {
			return true;
		}

		@Override
		public String step() {
			return "MAIN";
		}
	}
}
