package org.voxbox.mailbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts the messages left, once their storing transaction has committed ({@code voxbox.messages.deposited},
 * {@code voxbox.messages.duration} in seconds, urgent ones tagged): the first consumer of
 * {@link MessageDeposited}; notifications will be the next.
 */
@Component
class MessageCounter {

	private final Counter normal;

	private final Counter urgent;

	private final DistributionSummary duration;

	MessageCounter(MeterRegistry meters) {
		this.normal = Counter.builder("voxbox.messages.deposited").tag("urgent", "false")
			.description("Voice messages stored").register(meters);
		this.urgent = Counter.builder("voxbox.messages.deposited").tag("urgent", "true")
			.description("Voice messages stored").register(meters);
		this.duration = DistributionSummary.builder("voxbox.messages.duration").baseUnit("seconds")
			.description("Length of the voice messages stored").register(meters);
	}

	@TransactionalEventListener
	void on(MessageDeposited event) {
		(event.urgent() ? urgent : normal).increment();
		duration.record(event.durationMillis() / 1000.0);
	}
}
