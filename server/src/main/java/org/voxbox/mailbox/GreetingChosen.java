package org.voxbox.mailbox;

import java.util.UUID;

import org.voxbox.directory.Channel;

/**
 * Someone switched a mailbox between the system greeting and the recorded one, through the API. Published inside
 * the changing transaction.
 *
 * @param setting which greeting: {@code sendBusyCalls} or {@code sendUnansweredCalls}
 * @param before {@code DEFAULT} or {@code CUSTOM}
 * @param after likewise
 */
public record GreetingChosen(UUID personId, UUID orgId, UUID actorId, Channel channel, String setting, String before,
		String after) {
}
