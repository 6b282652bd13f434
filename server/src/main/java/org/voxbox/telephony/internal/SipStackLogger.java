package org.voxbox.telephony.internal;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.core.StackLogger;

/**
 * The JAIN-SIP stack's own logging, bridged to SLF4J (logger {@code org.voxbox.telephony.sip.stack}); the stack
 * creates it by class name, so it is public with a no-argument constructor.
 */
public final class SipStackLogger implements StackLogger {

	private static final Logger log = LoggerFactory.getLogger("org.voxbox.telephony.sip.stack");

	@Override
	public void logStackTrace() {
		// not needed: exceptions are logged with their traces
	}

	@Override
	public void logStackTrace(int traceLevel) {
		// not needed
	}

	@Override
	public int getLineCount() {
		return 0;
	}

	@Override
	public void logException(Throwable ex) {
		log.warn("SIP stack exception", ex);
	}

	@Override
	public void logDebug(String message) {
		log.debug(message);
	}

	@Override
	public void logDebug(String message, Exception ex) {
		log.debug(message, ex);
	}

	@Override
	public void logTrace(String message) {
		log.trace(message);
	}

	@Override
	public void logFatalError(String message) {
		log.error(message);
	}

	@Override
	public void logError(String message) {
		log.error(message);
	}

	@Override
	public boolean isLoggingEnabled() {
		return log.isDebugEnabled();
	}

	@Override
	public boolean isLoggingEnabled(int level) {
		return switch (level) {
			case TRACE_TRACE -> log.isTraceEnabled();
			case TRACE_DEBUG -> log.isDebugEnabled();
			case TRACE_INFO -> log.isInfoEnabled();
			case TRACE_WARN -> log.isWarnEnabled();
			default -> log.isErrorEnabled();
		};
	}

	@Override
	public void logError(String message, Exception ex) {
		log.error(message, ex);
	}

	/**
	 * Warnings, except the stack's notes at every start that no TLS key or trust store or policy is configured ("TLS
	 * server settings will be inactive …", "TLS trust settings …", "using default tls security policy"): Voxbox
	 * speaks SIP over UDP and TCP only, so those are debug.
	 */
	@Override
	public void logWarning(String message) {
		if (isTlsStoreNote(message)) {
			log.debug(message);
		}
		else {
			log.warn(message);
		}
	}

	private static boolean isTlsStoreNote(String message) {
		return message.startsWith("TLS server settings will be inactive")
				|| message.startsWith("TLS trust settings will be inactive") || message.startsWith("Using default keystore type")
				|| message.startsWith("Using default truststore type")
				|| message.startsWith("javax.net.ssl.trustStorePassword is null")
				|| message.equals("using default tls security policy");
	}

	/** The stack's "info" is per-message chatter ("Setting SIPMessage peerPacketSource …"): debug for us. */
	@Override
	public void logInfo(String message) {
		log.debug(message);
	}

	@Override
	public void disableLogging() {
		// levels come from the logging configuration
	}

	@Override
	public void enableLogging() {
		// levels come from the logging configuration
	}

	@Override
	public void setBuildTimeStamp(String buildTimeStamp) {
		log.debug("JAIN-SIP build {}", buildTimeStamp);
	}

	@Override
	public void setStackProperties(Properties properties) {
		// nothing to configure
	}

	@Override
	public String getLoggerName() {
		return log.getName();
	}
}
