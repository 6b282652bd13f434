package org.voxbox.telephony;

import java.lang.reflect.Proxy;
import java.util.List;

import javax.sip.SipListener;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starting the real JAIN-SIP stack (UDP and TCP, no TLS) warns about nothing: its notes about TLS key and trust
 * stores, which Voxbox does not use, are debug lines.
 */
class SipStackStartLogTest {

	@Test
	void stackStartsWithoutTlsKeyStoreWarnings() throws Exception {
		Logger stackLog = (Logger) LoggerFactory.getLogger("org.voxbox.telephony.sip.stack");
		Level before = stackLog.getLevel();
		ListAppender<ILoggingEvent> seen = new ListAppender<>();
		seen.start();
		stackLog.addAppender(seen);
		stackLog.setLevel(Level.DEBUG);
		int port = SipTestContext.freeSipPort();
		SipTransport transport = new SipTransport(new SipSettings(true, "127.0.0.1", port, List.of("127.0.0.0/8"),
				List.of("127.0.0.0/8"), List.of("voicemail"), 40000, 40199, 10, 600, 60, 300, 7200, 1000, 30, 60, 10, "", ""));
		SipListener ignoring = (SipListener) Proxy.newProxyInstance(SipListener.class.getClassLoader(),
				new Class<?>[] { SipListener.class }, (proxy, method, args) -> null);
		try {
			transport.start(ignoring);
		}
		finally {
			transport.stop();
			stackLog.detachAppender(seen);
			stackLog.setLevel(before);
		}

		assertThat(seen.list).as("the stack's TLS notes reach the log, at debug")
			.anySatisfy(e -> {
				assertThat(e.getFormattedMessage()).startsWith("TLS server settings will be inactive");
				assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
			});
		assertThat(seen.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
			.extracting(ILoggingEvent::getFormattedMessage)
			.isEmpty();
	}
}
