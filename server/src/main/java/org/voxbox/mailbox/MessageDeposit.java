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
 * Keeps a caller's message, and makes a message that cannot be kept loud instead of silent: it is logged,
 * counted ({@code voxbox.messages.store.failures}), reported by the {@code messageStore} health after repeated
 * failures, and announced as {@link MessageNotStored} (which the audit trail records) — and the caller is told,
 * by whoever called this.
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
	 * Stores the message with its audio in one transaction ({@link VoiceMessages#deposit}).
	 *
	 * @param wav the message audio, a WAV file
	 * @return the message's id, or empty when it could not be stored
	 */
	public Optional<UUID> store(Person owner, CallerId caller, int durationMillis, boolean urgent, String audioFormat,
			byte[] wav) {
		try {
			UUID id = messages.deposit(owner.id(), caller, durationMillis, urgent, audioFormat, wav);
			health.stored(clock.instant());
			return Optional.of(id);
		}
		catch (RuntimeException ex) {
			Instant now = clock.instant();
			failures.increment();
			health.failed(now);
			log.error("could not store a {} ms message for a mailbox; the message is lost", durationMillis, ex);
			try {
				events.publishEvent(new MessageNotStored(owner.orgId(), owner.id(), now, durationMillis));
			}
			catch (RuntimeException auditFailed) {
				log.error("could not record the lost message in the audit trail either: {}", auditFailed.toString());
			}
			return Optional.empty();
		}
	}
}
