package org.voxbox.telephony;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The little of SDP (RFC 4566, offer/answer RFC 3264) a voicemail endpoint needs: the caller's audio address,
 * port, codecs in order of preference, telephone-event payload type and direction; and the answer. Offers are
 * hostile input: parsing is bounded and never throws.
 */
final class Sdp {

	static final int PCMU = 0;

	static final int PCMA = 8;

	static final int MAX_BYTES = 16 * 1024;

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");

	private Sdp() {
	}

	/** What the caller offered. {@code direction} is sendrecv, sendonly, recvonly or inactive. */
	record Offer(String address, int port, List<Integer> payloadTypes, @Nullable Integer telephoneEvent, String direction) {
	}

	/** The codec choice: the first of the offer's payload types that Voxbox speaks (PCMU, PCMA). */
	record Choice(int payloadType, @Nullable Integer telephoneEvent) {
	}

	static Optional<Offer> parse(byte @Nullable [] body) {
		if (body == null || body.length == 0 || body.length > MAX_BYTES) {
			return Optional.empty();
		}
		String sessionAddress = null;
		String mediaAddress = null;
		int port = -1;
		List<Integer> types = new ArrayList<>();
		Integer telephoneEvent = null;
		String direction = "sendrecv";
		boolean inAudio = false;
		boolean seenAudio = false;
		for (String raw : new String(body, StandardCharsets.UTF_8).split("\r?\n", 200)) {
			String line = raw.strip();
			if (line.length() < 2 || line.charAt(1) != '=') {
				continue;
			}
			char type = line.charAt(0);
			String value = line.substring(2);
			if (type == 'm') {
				inAudio = !seenAudio && value.startsWith("audio ");
				if (inAudio) {
					seenAudio = true;
					String[] parts = value.split(" ");
					if (parts.length < 4 || !parts[2].equals("RTP/AVP")) {
						return Optional.empty();
					}
					port = number(parts[1].replaceAll("/.*", ""), 0, 65535);
					for (int i = 3; i < parts.length && i < 40; i++) {
						int pt = number(parts[i], 0, 127);
						if (pt >= 0) {
							types.add(pt);
						}
					}
				}
			}
			else if (type == 'c' && value.startsWith("IN IP")) {
				String[] parts = value.split(" ");
				String address = parts.length >= 3 ? parts[2].replaceAll("/.*", "") : null;
				if (seenAudio && inAudio) {
					mediaAddress = address;
				}
				else if (!seenAudio) {
					sessionAddress = address;
				}
			}
			else if (type == 'a' && (inAudio || !seenAudio)) {
				String attribute = value.toLowerCase(Locale.ROOT);
				if (attribute.matches("sendrecv|sendonly|recvonly|inactive")) {
					direction = attribute;
				}
				else if (inAudio && attribute.startsWith("rtpmap:") && attribute.contains("telephone-event/8000")) {
					int pt = number(attribute.substring(7, attribute.indexOf(' ') < 0 ? 7 : attribute.indexOf(' ')), 96, 127);
					if (pt >= 0 && types.contains(pt)) {
						telephoneEvent = pt;
					}
				}
			}
		}
		String address = mediaAddress != null ? mediaAddress : sessionAddress;
		if (!seenAudio || port < 0 || address == null || !isLiteral(address)) {
			return Optional.empty();
		}
		return Optional.of(new Offer(address, port, List.copyOf(types), telephoneEvent, direction));
	}

	/**
	 * Whether {@code address} is an IPv4 or IPv6 literal. Never a host name, nor anything else that
	 * {@link java.net.InetSocketAddress} would try to look up in DNS (blocking, and reaching out) and leave
	 * unresolved, which sending RTP to would throw.
	 */
	static boolean isLiteral(String address) {
		if (IPV4.matcher(address).matches()) {
			return true;
		}
		if (!address.contains(":") || !address.matches("[0-9a-fA-F:.]{2,45}")) {
			return false;
		}
		try {
			// With a colon in it, the JDK parses an IPv6 literal or fails: it never asks DNS.
			InetAddress.getByName(address);
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	static Optional<Choice> choose(Offer offer) {
		return offer.payloadTypes().stream()
			.filter(pt -> pt == PCMU || pt == PCMA)
			.findFirst()
			.map(pt -> new Choice(pt, offer.telephoneEvent()));
	}

	/** The answer: our address and port, the chosen codec, telephone-events when offered, the given direction. */
	static String answer(String address, int port, Choice choice, long sessionId, String direction) {
		String ip = address.contains(":") ? "IP6" : "IP4";
		StringBuilder sdp = new StringBuilder()
			.append("v=0\r\n")
			.append("o=voxbox ").append(sessionId).append(' ').append(sessionId).append(" IN ").append(ip).append(' ')
			.append(address).append("\r\n")
			.append("s=Voxbox\r\n")
			.append("c=IN ").append(ip).append(' ').append(address).append("\r\n")
			.append("t=0 0\r\n")
			.append("m=audio ").append(port).append(" RTP/AVP ").append(choice.payloadType());
		if (choice.telephoneEvent() != null) {
			sdp.append(' ').append(choice.telephoneEvent());
		}
		sdp.append("\r\n")
			.append("a=rtpmap:").append(choice.payloadType()).append(choice.payloadType() == PCMU ? " PCMU/8000" : " PCMA/8000")
			.append("\r\n");
		if (choice.telephoneEvent() != null) {
			sdp.append("a=rtpmap:").append(choice.telephoneEvent()).append(" telephone-event/8000\r\n")
				.append("a=fmtp:").append(choice.telephoneEvent()).append(" 0-15\r\n");
		}
		return sdp.append("a=ptime:20\r\n").append("a=").append(direction).append("\r\n").toString();
	}

	private static int number(String text, int min, int max) {
		if (!text.matches("[0-9]{1,5}")) {
			return -1;
		}
		int n = Integer.parseInt(text);
		return n < min || n > max ? -1 : n;
	}
}
