package org.voxbox.telephony;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SIP endpoint ({@code voxbox.sip.*}).
 *
 * @param enabled whether to listen for SIP at all
 * @param address the address to listen on and to put in Contact and SDP
 * @param port the SIP port, UDP and TCP
 * @param allowedPeers networks (CIDR) that may send SIP requests; others get 403
 * @param trustedPeers networks whose {@code P-Asserted-Identity} is believed for the caller's identity
 * @param pilots Request-URI users that reach the voicemail retrieval menu (the voicemail pilot numbers)
 * @param rtpPortMin first UDP port for media (each call takes one even port of the range, picked at random)
 * @param rtpPortMax last UDP port for media
 * @param maxCalls calls held at once; beyond that (or when no RTP port is free) an INVITE gets 503 with
 * {@code Retry-After}
 * @param maxMessageSeconds the longest message a caller may leave
 * @param rtpTimeoutSeconds a call with no RTP for this long is ended (what was recorded is kept)
 * @param maxHoldSeconds a call the caller holds (offering inactive or recvonly: no RTP from them) is ended after
 * this long on hold
 * @param maxCallSeconds no call lasts longer than this, however lively
 * @param spoolSyncMillis a message being recorded is written to the spool on disk and forced to the device at
 * least this often: what a crash or power loss can take of it
 * @param spoolRetrySeconds how often messages the store refused are tried again from the spool
 * @param retrievalIdleSeconds a caller of the voicemail pilot who presses no key for this long while one is
 * awaited (counted from the end of the last prompt or message, or the last key) hears "goodbye" and is hung up on
 * @param silenceLimitSeconds a message ends after this much silence, which is trimmed off (0 = never)
 * @param transferHost the host (and port) of the PBX that places transfers: {@code Refer-To} is
 * {@code sip:<transfer number>@<this>}; empty for the source address of the caller's INVITE
 * @param timeZone the time zone in which the phone menu says when a message came (an IANA id such as
 * {@code Europe/Amsterdam}; empty for the server's own)
 */
@ConfigurationProperties("voxbox.sip")
public record SipSettings(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("127.0.0.1") String address,
		@DefaultValue("5060") int port,
		@DefaultValue({ "127.0.0.0/8", "::1/128" }) List<String> allowedPeers,
		@DefaultValue({ "127.0.0.0/8", "::1/128" }) List<String> trustedPeers,
		@DefaultValue({ "voicemail", "8000" }) List<String> pilots,
		@DefaultValue("10000") int rtpPortMin,
		@DefaultValue("29999") int rtpPortMax,
		@DefaultValue("1000") int maxCalls,
		@DefaultValue("600") int maxMessageSeconds,
		@DefaultValue("60") int rtpTimeoutSeconds,
		@DefaultValue("300") int maxHoldSeconds,
		@DefaultValue("7200") int maxCallSeconds,
		@DefaultValue("1000") int spoolSyncMillis,
		@DefaultValue("30") int spoolRetrySeconds,
		@DefaultValue("60") int retrievalIdleSeconds,
		@DefaultValue("10") int silenceLimitSeconds,
		@DefaultValue("") String transferHost,
		@DefaultValue("") String timeZone) {

	public SipSettings {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("voxbox.sip.port must be 1–65535: " + port);
		}
		if (rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMin > rtpPortMax) {
			throw new IllegalArgumentException("voxbox.sip.rtp-port-min/max must be a range within 1024–65535: "
					+ rtpPortMin + "–" + rtpPortMax);
		}
		if (maxCalls < 1 || maxCalls > 100_000) {
			throw new IllegalArgumentException("voxbox.sip.max-calls must be 1–100000: " + maxCalls);
		}
		if (maxMessageSeconds < 10 || maxMessageSeconds > 3600) {
			throw new IllegalArgumentException("voxbox.sip.max-message-seconds must be 10–3600: " + maxMessageSeconds);
		}
		if (rtpTimeoutSeconds < 5 || rtpTimeoutSeconds > 3600) {
			throw new IllegalArgumentException("voxbox.sip.rtp-timeout-seconds must be 5–3600: " + rtpTimeoutSeconds);
		}
		if (maxHoldSeconds < 5 || maxHoldSeconds > 86_400) {
			throw new IllegalArgumentException("voxbox.sip.max-hold-seconds must be 5–86400: " + maxHoldSeconds);
		}
		if (maxCallSeconds < 60 || maxCallSeconds > 86_400) {
			throw new IllegalArgumentException("voxbox.sip.max-call-seconds must be 60–86400: " + maxCallSeconds);
		}
		if (spoolSyncMillis < 20 || spoolSyncMillis > 60_000) {
			throw new IllegalArgumentException("voxbox.sip.spool-sync-millis must be 20–60000: " + spoolSyncMillis);
		}
		if (spoolRetrySeconds < 1 || spoolRetrySeconds > 86_400) {
			throw new IllegalArgumentException("voxbox.sip.spool-retry-seconds must be 1–86400: " + spoolRetrySeconds);
		}
		if (retrievalIdleSeconds < 2 || retrievalIdleSeconds > 3600) {
			throw new IllegalArgumentException("voxbox.sip.retrieval-idle-seconds must be 2–3600: " + retrievalIdleSeconds);
		}
		if (silenceLimitSeconds != 0 && (silenceLimitSeconds < 3 || silenceLimitSeconds > 120)) {
			throw new IllegalArgumentException("voxbox.sip.silence-limit-seconds must be 0 (off) or 3–120: " + silenceLimitSeconds);
		}
		if (!transferHost.isEmpty() && !transferHost.matches("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?")) {
			throw new IllegalArgumentException("voxbox.sip.transfer-host must be host or host:port: " + transferHost);
		}
		if (!timeZone.isBlank()) {
			try {
				java.time.ZoneId.of(timeZone);
			}
			catch (java.time.DateTimeException ex) {
				throw new IllegalArgumentException("voxbox.sip.time-zone is not a time zone id: " + timeZone);
			}
		}
		allowedPeers.forEach(Networks::parse);
		trustedPeers.forEach(Networks::parse);
	}

	/** The zone for spoken times. */
	java.time.ZoneId zone() {
		return timeZone.isBlank() ? java.time.ZoneId.systemDefault() : java.time.ZoneId.of(timeZone);
	}
}
