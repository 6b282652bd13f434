package org.voxbox.media;

import java.util.Optional;

/**
 * Turns the RFC 4733 telephone-event packets of one call into keys pressed, each reported
 * exactly once.
 *
 * <p>An event is identified by its RTP timestamp (and SSRC). A key is reported on the first
 * packet of a newer event that arrives, whichever it is: the start packets may be lost,
 * the three end packets are retransmissions of one another, and late or reordered packets
 * of an event already reported, or of any older event, are ignored. Pressing {@code 1} twice
 * gives two events with different timestamps and so two {@code 1}s. A key held past the
 * 16-bit duration limit (about 8 s), which RFC 4733 section 2.5.1.3 continues as a new event
 * whose timestamp is 0xFFFF later, is not reported again. A new SSRC starts afresh.
 *
 * <p>Not thread-safe: feed it from the one thread that receives the call's RTP.
 */
public final class DtmfReceiver {

	private static final int MAX_DURATION = 0xFFFF;

	private final int payloadType;
	private boolean seenAny;
	private int lastSsrc;
	private long lastTimestamp;
	private int lastEvent;
	private boolean lastEnded;

	/**
	 * @param payloadType the telephone-event payload type negotiated in SDP (96–127 usually, 0–127 allowed)
	 * @throws IllegalArgumentException if not 0–127
	 */
	public DtmfReceiver(int payloadType) {
		if (payloadType < 0 || payloadType > 127) {
			throw new IllegalArgumentException("payloadType must be 0-127: " + payloadType);
		}
		this.payloadType = payloadType;
	}

	/**
	 * Looks at one received packet of any payload type.
	 *
	 * @return the key ({@code 0-9*#ABCD}) if this packet is the first seen of a new event;
	 *         empty for other payload types, malformed or non-DTMF events and already-reported events
	 */
	public Optional<Character> receive(RtpPacket packet) {
		if (packet.payloadType() != payloadType) {
			return Optional.empty();
		}
		Optional<TelephoneEvent> parsed = TelephoneEvent.parse(packet);
		if (parsed.isEmpty()) {
			return Optional.empty();
		}
		TelephoneEvent event = parsed.get();
		long timestamp = packet.timestamp();
		if (seenAny && packet.ssrc() == lastSsrc) {
			int age = (int) (timestamp - lastTimestamp);
			if (age == 0) {
				lastEnded |= event.end();
				return Optional.empty();
			}
			if (age < 0) {
				return Optional.empty();
			}
			boolean continuation = age == MAX_DURATION && event.event() == lastEvent && !lastEnded;
			remember(packet, event);
			return continuation ? Optional.empty() : Optional.of(event.digit());
		}
		seenAny = true;
		remember(packet, event);
		return Optional.of(event.digit());
	}

	private void remember(RtpPacket packet, TelephoneEvent event) {
		lastSsrc = packet.ssrc();
		lastTimestamp = packet.timestamp();
		lastEvent = event.event();
		lastEnded = event.end();
	}
}
