package org.voxbox.mailbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.voxbox.directory.Person;

/**
 * Keeps a caller's message, and makes a store that fails loud instead of silent: each failure is logged,
 * counted ({@code voxbox.messages.store.failures}) and, repeated, reported by the {@code messageStore} health. The
 * caller's side keeps the message and tries again (telephony's spool); a message that is lost after all is
 * reported through {@link #lost}, announced as {@link MessageNotStored} (which the audit trail records) — and the
 * caller is told, by whoever called this.
 */
@Component
public class MessageDeposit {

	private static final Logger log = LoggerFactory.getLogger(MessageDeposit.class);

	private final VoiceMessages messages;

	private final MessageStoreHealthIndicator health;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Counter failures;

	MessageDeposit(VoiceMessages messages, MessageStoreHealthIndicator health, ApplicationEventPublisher events,
			Clock clock, MeterRegistry meters) {
		this.messages = messages;
		this.health = health;
		this.events = events;
		this.clock = clock;
		this.failures = Counter.builder("voxbox.messages.store.failures")
			.description("Voice messages that could not be stored and were lost").register(meters);
	}

	/**
	 * Stores the message, received now, with its audio in one transaction ({@link VoiceMessages#deposit}).
	 *
	 * @param wav the message audio, a WAV file
	 * @return the message's id, or empty when it could not be stored
	 * @throws MailboxFull when it does not fit in the mailbox (not a failure of the store)
	 */
	public Optional<UUID> store(Person owner, CallerId caller, int durationMillis, boolean urgent, String audioFormat,
			byte[] wav) {
		return store(owner, caller, clock.instant(), durationMillis, urgent, audioFormat, wav);
	}

	/**
	 * Stores the message, received at {@code received}, with its audio in one transaction.
	 *
	 * @param wav the message audio, a WAV file
	 * @return the message's id, or empty when it could not be stored
	 * @throws MailboxFull when it does not fit in the mailbox (not a failure of the store)
	 */
	public Optional<UUID> store(Person owner, CallerId caller, Instant received, int durationMillis, boolean urgent,
			String audioFormat, byte[] wav) {
		try {
			UUID id = messages.deposit(owner.id(), caller, received, durationMillis, urgent, audioFormat, wav);
			health.stored(clock.instant());
			return Optional.of(id);
		}
		catch (MailboxFull full) {
			throw full;
		}
		catch (RuntimeException ex) {
			failures.increment();
			health.failed(clock.instant());
			log.error("could not store a {} ms message for a mailbox", durationMillis, ex);
			return Optional.empty();
		}
	}

	/** A message that could not be kept at all (neither stored nor spooled): logged, and audited. */
	public void lost(Person owner, int durationMillis) {
		Instant now = clock.instant();
		log.error("a {} ms message for a mailbox is lost", durationMillis);
		try {
			events.publishEvent(new MessageNotStored(owner.orgId(), owner.id(), now, durationMillis));
		}
		catch (RuntimeException auditFailed) {
			log.error("could not record the lost message in the audit trail either: {}", auditFailed.toString());
		}
	}
}
