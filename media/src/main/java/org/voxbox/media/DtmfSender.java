package org.voxbox.media;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the RFC 4733 packets that signal one key press.
 *
 * <p>For a duration of {@code n} × 20 ms the sequence is {@code n + 2} packets, one every
 * 20 ms: the first has the marker bit and duration 160, each next one 160 more, and the last
 * three are identical end packets (E bit, duration {@code n × 160}) as section 2.5.1.4
 * recommends. All share one RTP timestamp, the event's start; sequence numbers increase by one
 * per packet and wrap at 65536.
 *
 * <p>Immutable and thread-safe.
 */
public final class DtmfSender {

	/** Samples per 20 ms packet at 8 kHz. */
	static final int SAMPLES_PER_PACKET = 160;
	private static final int END_PACKETS = 3;

	private final int payloadType;
	private final int packetsWhileHeld;
	private final int volume;

	/**
	 * @param payloadType the negotiated telephone-event payload type, 0–127
	 * @param durationMillis how long the key is held: a multiple of 20 from 40 to 8000 ms
	 * @param volume the tone power as 0 to 63, meaning 0 to −63 dBm0 (10 is typical)
	 * @throws IllegalArgumentException if a value is out of range, naming it
	 */
	public DtmfSender(int payloadType, int durationMillis, int volume) {
		if (payloadType < 0 || payloadType > 127) {
			throw new IllegalArgumentException("payloadType must be 0-127: " + payloadType);
		}
		if (durationMillis < 40 || durationMillis > 8000 || durationMillis % 20 != 0) {
			throw new IllegalArgumentException("durationMillis must be a multiple of 20 from 40 to 8000: " + durationMillis);
		}
		if (volume < 0 || volume > 63) {
			throw new IllegalArgumentException("volume must be 0-63 (-dBm0): " + volume);
		}
		this.payloadType = payloadType;
		this.packetsWhileHeld = durationMillis / 20;
		this.volume = volume;
	}

	/** How many packets {@link #packets} returns: one per 20 ms of duration plus two repeated end packets. */
	public int packetCount() {
		return packetsWhileHeld + END_PACKETS - 1;
	}

	/**
	 * The complete RTP packets for one key, to be sent 20 ms apart in list order.
	 *
	 * @param digit one of {@code 0-9*#ABCD}
	 * @param firstSequenceNumber 0–65535, the sequence number of the first packet
	 * @param timestamp 0 to 2<sup>32</sup> − 1, the event's start in the stream's 8 kHz timeline
	 * @throws IllegalArgumentException if the digit or a number is out of range
	 */
	public List<byte[]> packets(char digit, int firstSequenceNumber, long timestamp, int ssrc) {
		int event = TelephoneEvent.eventOf(digit);
		if (firstSequenceNumber < 0 || firstSequenceNumber > 0xFFFF) {
			throw new IllegalArgumentException("firstSequenceNumber must be 0-65535: " + firstSequenceNumber);
		}
		List<byte[]> packets = new ArrayList<>(packetCount());
		byte[] payload = new byte[TelephoneEvent.LENGTH];
		for (int i = 0; i < packetCount(); i++) {
			boolean end = i >= packetsWhileHeld - 1;
			int duration = Math.min(i + 1, packetsWhileHeld) * SAMPLES_PER_PACKET;
			new TelephoneEvent(event, end, volume, duration).writeTo(payload, 0);
			byte[] packet = new byte[RtpPacket.HEADER_LENGTH + TelephoneEvent.LENGTH];
			RtpPacket.write(packet, 0, payloadType, i == 0, (firstSequenceNumber + i) & 0xFFFF,
					timestamp, ssrc, payload, 0, payload.length);
			packets.add(packet);
		}
		return packets;
	}
}
