package org.voxbox.telephony;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;

/**
 * The owner's messages, one after the other: the new ones first (urgent before the others, oldest first), then
 * the saved ones (oldest first), each after its envelope (when, and from whom). A message played to its end
 * becomes saved (heard). Keys, during or after a message: {@code 2} replay, {@code 5} the envelope, {@code 4}
 * previous, {@code 7} delete, {@code 9} save, {@code #} or {@code 6} next (a message skipped before its end stays
 * as it was), {@code *} back to the main menu; after the last, "no more messages" and the main menu. The queue is
 * taken when the menu opens; a message deleted meanwhile (in the portal, by another call) is passed over.
 *
 * <p>Called on the call executor inside {@link Announcer#handle}. A message is played from a copy in the
 * {@link PlaySpool}, never held whole in the heap; until its first seconds are in the caller hears silence, and a
 * key pressed meanwhile is for that message.
 */
final class MessageMenu implements Menu {

	private final Announcer announcer;

	private final VoiceMessages store;

	private final PlaySpool spool;

	private final UUID owner;

	private final Clock clock;

	private final ZoneId zone;

	private final Consumer<byte[]> back;

	/** The messages in the order they are played, taken when the menu opened. */
	private List<VoiceMessages.Message> queue = List.of();

	/** The index in {@link #queue} of the message playing, or last played. */
	private int current;

	/**
	 * @param clock and {@code zone}: what an envelope's "today" is, and the time of day it says
	 * @param back the main menu, after the audio given
	 */
	MessageMenu(Announcer announcer, VoiceMessages store, PlaySpool spool, UUID owner, Clock clock, ZoneId zone,
			Consumer<byte[]> back) {
		this.announcer = announcer;
		this.store = store;
		this.spool = spool;
		this.owner = owner;
		this.clock = clock;
		this.zone = zone;
		this.back = back;
	}

	/** Takes the owner's messages in order and plays the first (or, when there is none, goes back). */
	void start() {
		List<VoiceMessages.Message> all = store.list(owner);
		Comparator<VoiceMessages.Message> oldestFirst = Comparator.comparing(VoiceMessages.Message::received);
		queue = Stream.concat(all.stream().filter(m -> !m.heard())
					.sorted(Comparator.comparing((VoiceMessages.Message m) -> !m.urgent()).thenComparing(oldestFirst)),
				all.stream().filter(VoiceMessages.Message::heard).sorted(oldestFirst))
			.toList();
		current = 0;
		playCurrent(new byte[0], true);
	}

	@Override
	public void key(char key) {
		VoiceMessages.Message message = queue.get(current);
		switch (key) {
			case '2' -> playCurrent(new byte[0], false);
			case '5' -> announcer.play(Playback.concat(envelope(message), announcer.prompt("message_menu")));
			case '4' -> {
				if (current == 0) {
					announcer.play(Playback.concat(announcer.prompt("no_previous"), announcer.prompt("message_menu")));
				}
				else {
					current--;
					playCurrent(new byte[0], true);
				}
			}
			case '7' -> {
				store.delete(owner, message.id());
				current++;
				playCurrent(announcer.prompt("deleted"), true);
			}
			case '9' -> {
				store.markHeard(owner, message.id());
				current++;
				playCurrent(announcer.prompt("saved"), true);
			}
			case '#', '6' -> {
				// next; a message skipped before its end stays as it was
				current++;
				playCurrent(new byte[0], true);
			}
			case '*' -> back.accept(new byte[0]);
			default -> {
				// not a message key
			}
		}
	}

	@Override
	public boolean awaitsKey() {
		return true;
	}

	@Override
	public String step() {
		return "MESSAGE";
	}

	/**
	 * Plays {@code before}, then the current message of the queue (after its envelope when {@code envelope}) and,
	 * once it has been heard to the end, marks it heard and plays the message menu; back to the main menu after
	 * the last. The message plays from a copy in the {@link PlaySpool}, made on the slow executor; the caller hears
	 * silence until its first seconds are in.
	 */
	private void playCurrent(byte[] before, boolean envelope) {
		if (current >= queue.size()) {
			back.accept(Playback.concat(before, announcer.prompt("no_more")));
			return;
		}
		VoiceMessages.Message message = queue.get(current);
		G711 law = announcer.law();
		PlaySpool.StoredAudio stored = (offset, length) -> store.audioPart(owner, message.id(), offset, length);
		announcer.<Optional<Playback.Part>>fetch(ready -> spool.copy(stored, law, ready),
				copy -> play(message, before, envelope, copy), copy -> copy.ifPresent(Playback.Part::close));
	}

	/** Plays {@code before}, the envelope when asked, then the message's copy — or the next message, when it has none. */
	private void play(VoiceMessages.Message message, byte[] before, boolean envelope, Optional<Playback.Part> copy) {
		if (copy.isEmpty()) {
			current++; // deleted meanwhile (by the portal or another call)
			playCurrent(before, envelope);
			return;
		}
		List<Playback.Part> parts = new ArrayList<>();
		parts.add(Playback.Part.of(before));
		if (envelope) {
			parts.add(Playback.Part.of(envelope(message)));
		}
		parts.add(copy.get());
		announcer.play(parts, () -> heardToTheEnd(message));
	}

	/**
	 * The message was played to its end (nothing replaced it: see {@link Announcer#play(byte[], Runnable)}): it
	 * becomes a saved message (unless deleted), and its menu follows.
	 */
	private void heardToTheEnd(VoiceMessages.Message message) {
		if (current >= queue.size() || !queue.get(current).id().equals(message.id())) {
			return;
		}
		store.markHeard(owner, message.id());
		announcer.play(announcer.prompt("message_menu"));
	}

	private byte[] envelope(VoiceMessages.Message message) {
		ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
		return announcer.say(Spoken.envelope(message, now, announcer.language()));
	}
}
