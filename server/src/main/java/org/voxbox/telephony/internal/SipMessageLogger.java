package org.voxbox.telephony.internal;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;

/**
 * Logs each SIP message's first line at DEBUG (logger {@code org.voxbox.telephony.sip.messages}); never
 * bodies, which could carry caller data. Created by the stack by class name.
 */
public final class SipMessageLogger implements ServerLogger {

	private static final Logger log = LoggerFactory.getLogger("org.voxbox.telephony.sip.messages");

	@Override
	public void closeLogFile() {
		// nothing to close
	}

	@Override
	public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
		log(message, from, to, sender);
	}

	@Override
	public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
		log(message, from, to, sender);
	}

	@Override
	public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
		log(message, from, to, sender);
	}

	private static void log(SIPMessage message, String from, String to, boolean sender) {
		if (log.isDebugEnabled()) {
			String first = message.getFirstLine();
			log.debug("{} {} → {}: {}", sender ? "sent" : "received", from, to,
					first == null ? "?" : first.strip().replaceAll("[\\p{Cntrl}]", "?"));
		}
	}

	@Override
	public void logException(Exception ex) {
		log.warn("SIP message exception", ex);
	}

	@Override
	public void setStackProperties(Properties properties) {
		// nothing to configure
	}

	@Override
	public void setSipStack(javax.sip.SipStack sipStack) {
		// not needed
	}
}
