package org.voxbox.telephony;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.CallerId;
import org.voxbox.mailbox.Mailboxes;
import org.voxbox.mailbox.MessageDeposit;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.G711;

/**
 * The caller's side of a call to a mailbox: the greeting and the tone (or "this mailbox is full"), then the
 * caller's message through a {@link Recording}, until {@code #}, silence, the limit, RTP timeout or hang-up;
 * {@code 0} asks for a transfer to the mailbox's transfer number. A message of a second or more is stored once,
 * with the caller's identity and urgency, in one transaction: when the recording ends with the caller still on
 * the line, before they hear "goodbye" — or "sorry, your message could not be saved" when it could not be; when
 * the call ends otherwise, as it ends ({@link #store()}).
 */
final class Deposit {

	/** Messages shorter than this are discarded. */
	static final int MIN_MESSAGE_MILLIS = 1000;

	/** What a deposit needs that outlives it. */
	record Services(Executor work, SipSettings settings, Prompts prompts, CallerGreeting greetings,
			VoiceMessages messages, MessageDeposit deposits, Mailboxes mailboxes) {
	}

	private final Services services;

	private final Person owner;

	private final CallerId caller;

	private final boolean urgent;

	private final Recording recording;

	private final Playback voice;

	private final Runnable hangUp;

	private final AtomicBoolean stored = new AtomicBoolean();

	/**
	 * Prepares the greeting and the recording (nothing is sent before the call's media starts).
	 *
	 * @param hangUp run on the call executor when the message is over (or the full mailbox was announced)
	 * @param transfer run on the call executor with the transfer number when the caller presses 0 and one is set
	 */
	Deposit(Services services, Person owner, CallerId caller, boolean urgent, boolean busy, G711 law,
			@Nullable Integer telephoneEvent, DatagramChannel rtp, InetSocketAddress offered, Runnable hangUp,
			Consumer<String> transfer) {
		this.services = services;
		this.owner = owner;
		this.caller = caller;
		this.urgent = urgent;
		this.hangUp = hangUp;
		Executor work = services.work();
		int limit = Math.min(services.settings().maxMessageSeconds() * 1000, services.messages().remainingMillis(owner.id()));
		Optional<String> transferTo = services.mailboxes().transferNumber(owner.id());
		this.recording = new Recording(law, telephoneEvent, Math.max(limit, 1),
				services.settings().silenceLimitSeconds() * 1000, () -> work.execute(this::finish),
				() -> transferTo.ifPresent(number -> work.execute(() -> transfer.accept(number))));
		boolean full = limit < MIN_MESSAGE_MILLIS;
		byte[] greeting = full ? services.prompts().get(owner.language(), "mailbox_full", law)
				: Playback.concat(services.greetings().of(owner, busy, law), services.prompts().tone(law));
		this.voice = new Playback(rtp, () -> recording.remote() != null ? recording.remote() : offered);
		voice.play(greeting, full ? () -> work.execute(hangUp) : recording::arm);
	}

	/** Where the caller's RTP goes. */
	MediaLoop.Sink sink() {
		return recording;
	}

	/** What the caller hears. */
	Playback voice() {
		return voice;
	}

	/** When the caller's last RTP arrived (System.nanoTime). */
	long lastPacketNanos() {
		return recording.lastPacketNanos();
	}

	/** The caller is being transferred: nothing is kept. */
	void discard() {
		recording.discard();
	}

	/**
	 * The recording ended with the caller on the line ({@code #}, silence, the limit): stores the message, tells
	 * the caller whether it was saved, then hangs up. On the call executor.
	 */
	private void finish() {
		boolean lost = !store();
		byte[] closing = services.prompts().get(owner.language(), lost ? "message_not_saved" : "goodbye", recording.law());
		voice.play(closing, () -> services.work().execute(hangUp));
	}

	/**
	 * Stores the message when it is at least a second long, the first time it is called (the recording ended,
	 * the caller hung up, or their RTP stopped); later calls do nothing. On the call executor.
	 *
	 * @return false when there was a message and it could not be stored
	 */
	boolean store() {
		if (!stored.compareAndSet(false, true)) {
			return true;
		}
		byte[] audio = recording.finish();
		int millis = audio.length / 8;
		if (millis < MIN_MESSAGE_MILLIS) {
			return true;
		}
		return services.deposits().store(owner, caller, millis, urgent, CallAudio.format(recording.law()),
				CallAudio.wav(recording.law(), audio)).isPresent();
	}
}
