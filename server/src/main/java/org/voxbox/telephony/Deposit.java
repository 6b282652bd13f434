package org.voxbox.telephony;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
 * the line, before they hear "goodbye" — or "sorry, your message could not be saved" when it is lost; when
 * the call ends otherwise, as it ends ({@link #store()}). The message is recorded into the {@link RecordingSpool}
 * on disk, so a crash loses at most the last {@code voxbox.sip.spool-sync-millis} of it and a store that fails
 * is tried again from there.
 */
final class Deposit {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Deposit.class);

	/** Messages shorter than this are discarded. */
	static final int MIN_MESSAGE_MILLIS = 1000;

	/** What a deposit needs that outlives it; {@code work} runs its store, hang-up and transfer. */
	record Services(Executor work, SipSettings settings, Prompts prompts, CallerGreeting greetings,
			VoiceMessages messages, MessageDeposit deposits, Mailboxes mailboxes, RecordingSpool spool, Clock clock) {
	}

	private final Services services;

	private final Person owner;

	private final CallerId caller;

	private final boolean urgent;

	private final Recording recording;

	private final Playback voice;

	private final Runnable hangUp;

	private final AtomicBoolean stored = new AtomicBoolean();

	private final Instant received;

	/** The message on disk as it is recorded; null when the spool could not take it (then it is in memory). */
	private final @Nullable SpoolFile spooled;

	/**
	 * Prepares the greeting and the recording (nothing is sent before the call's media starts).
	 *
	 * @param destination where the caller's audio goes (the call's {@link RtpLatch})
	 * @param hangUp run on the call executor when the message is over (or the full mailbox was announced)
	 * @param transfer run on the call executor with the transfer number when the caller presses 0 and one is set
	 */
	Deposit(Services services, Person owner, CallerId caller, boolean urgent, boolean busy, G711 law,
			@Nullable Integer telephoneEvent, DatagramChannel rtp, Supplier<InetSocketAddress> destination,
			Runnable hangUp, Consumer<String> transfer) {
		this.services = services;
		this.owner = owner;
		this.caller = caller;
		this.urgent = urgent;
		this.hangUp = hangUp;
		Executor work = services.work();
		int limit = Math.min(services.settings().maxMessageSeconds() * 1000, services.messages().remainingMillis(owner.id()));
		this.received = services.clock().instant();
		this.spooled = spool(services, owner, caller, urgent, law, received);
		this.recording = new Recording(law, telephoneEvent, Math.max(limit, 1),
				services.settings().silenceLimitSeconds() * 1000, () -> work.execute(this::finish),
				// The transfer number is asked for when 0 is pressed: the organisation's policy of that moment holds.
				() -> work.execute(() -> services.mailboxes().transferNumber(owner.id()).ifPresent(transfer)),
				spooled != null ? spooled : new Recording.InMemory());
		boolean full = limit < MIN_MESSAGE_MILLIS;
		byte[] greeting = full ? services.prompts().get(owner.language(), "mailbox_full", law)
				: Playback.concat(services.greetings().of(owner, busy, law), services.prompts().tone(law));
		this.voice = new Playback(rtp, destination);
		voice.play(greeting, full ? () -> work.execute(hangUp) : recording::arm);
	}

	private static @Nullable SpoolFile spool(Services services, Person owner, CallerId caller, boolean urgent, G711 law,
			Instant received) {
		try {
			return services.spool().open(owner, caller, urgent, law, received);
		}
		catch (IOException | RuntimeException ex) {
			log.error("cannot spool a message to disk, recording it in memory: {}", ex.toString());
			return null;
		}
	}

	/** Where the caller's RTP goes. */
	MediaLoop.Sink sink() {
		return recording;
	}

	/** What the caller hears. */
	Playback voice() {
		return voice;
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
	 * the caller hung up, or their RTP stopped); later calls do nothing. When the store fails, the message stays
	 * in the spool, which stores it later. On the call executor.
	 *
	 * @return false when there was a message and it is lost (neither stored nor spooled, or no room was left)
	 */
	boolean store() {
		if (!stored.compareAndSet(false, true)) {
			return true;
		}
		byte[] audio = recording.finish();
		int millis = audio.length / 8;
		if (millis < MIN_MESSAGE_MILLIS) {
			forget();
			return true;
		}
		RecordingSpool.Stored outcome = services.spool().store(owner, caller, urgent, recording.law(), received, audio);
		if (outcome != RecordingSpool.Stored.FAILED) {
			forget();
			return outcome == RecordingSpool.Stored.YES;
		}
		if (spooled != null && spooled.keep(audio.length)) {
			return true;
		}
		services.deposits().lost(owner, millis);
		return false;
	}

	private void forget() {
		if (spooled != null) {
			spooled.delete();
		}
	}
}
