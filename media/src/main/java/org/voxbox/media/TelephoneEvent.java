package org.voxbox.media;

import java.util.Optional;

/**
 * One RFC 4733 telephone-event payload for a DTMF key: the 4-byte record
 * {@code event | E R volume | duration}. Only the sixteen DTMF events (0–15) are represented;
 * other events (flash, fax tones) do not parse.
 *
 * @param event 0–15: the digits {@code 0-9}, then {@code *}, {@code #}, {@code A}–{@code D}
 * @param end whether this is a final packet of the event (E bit)
 * @param volume the power level as 0 to 63, meaning 0 to −63 dBm0
 * @param duration 0 to 65535, in RTP timestamp units (samples at 8 kHz) since the event began
 */
record TelephoneEvent(int event, boolean end, int volume, int duration) {

	/** Payload length in bytes. */
	static final int LENGTH = 4;

	private static final String DIGITS = "0123456789*#ABCD";

	TelephoneEvent {
		if (event < 0 || event > 15) {
			throw new IllegalArgumentException("DTMF event must be 0-15: " + event);
		}
		if (volume < 0 || volume > 63) {
			throw new IllegalArgumentException("volume must be 0-63 (-dBm0): " + volume);
		}
		if (duration < 0 || duration > 0xFFFF) {
			throw new IllegalArgumentException("duration must be 0-65535: " + duration);
		}
	}

	/** The key: one of {@code 0-9*#ABCD}. */
	char digit() {
		return DIGITS.charAt(event);
	}

	/** The event code of a key from {@code 0-9*#ABCD} (lower-case {@code a-d} accepted). */
	static int eventOf(char digit) {
		int event = DIGITS.indexOf(Character.toUpperCase(digit));
		if (event < 0) {
			throw new IllegalArgumentException("DTMF digit must be one of 0-9*#ABCD: " + digit);
		}
		return event;
	}

	/**
	 * Parses the first 4 payload bytes of a packet; trailing bytes (redundant events) are ignored.
	 *
	 * @return empty if the payload is shorter than 4 bytes or the event is not a DTMF key
	 */
	static Optional<TelephoneEvent> parse(RtpPacket packet) {
		if (packet.payloadLength() < LENGTH) {
			return Optional.empty();
		}
		int event = packet.payloadByte(0) & 0xFF;
		if (event > 15) {
			return Optional.empty();
		}
		int flags = packet.payloadByte(1) & 0xFF;
		int duration = ((packet.payloadByte(2) & 0xFF) << 8) | (packet.payloadByte(3) & 0xFF);
		return Optional.of(new TelephoneEvent(event, (flags & 0x80) != 0, flags & 0x3F, duration));
	}

	/** Writes the 4-byte payload into {@code dst[offset..]}; the reserved bit is sent as 0. */
	void writeTo(byte[] dst, int offset) {
		dst[offset] = (byte) event;
		dst[offset + 1] = (byte) ((end ? 0x80 : 0) | volume);
		dst[offset + 2] = (byte) (duration >>> 8);
		dst[offset + 3] = (byte) duration;
	}
}
