package org.voxbox.telephony;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

import static org.assertj.core.api.Assertions.assertThat;

/** When Voxbox ends a call on its own: {@link CallLimits} with the default settings. */
class CallLimitsTest {

	private static final long S = TimeUnit.SECONDS.toNanos(1);

	private final CallLimits limits = new CallLimits(Binder.get(new org.springframework.mock.env.MockEnvironment())
		.bindOrCreate("voxbox.sip", SipSettings.class));

	@Test
	void aCallerWhoseRtpStopsIsEndedAfterTheTimeout() {
		assertThat(limits.overrun(59 * S, 0, 0, true, 0)).isNull();
		assertThat(limits.overrun(61 * S, 0, 0, true, 0)).isEqualTo(CallLimits.Overrun.RTP_TIMEOUT);
		assertThat(limits.overrun(61 * S, 0, 0, true, 30 * S)).as("RTP came 31 s ago").isNull();
	}

	@Test
	void aHeldCallOutlastsTheRtpTimeoutButNotTheHoldLimit() {
		assertThat(limits.overrun(200 * S, 0, 10 * S, false, 0)).as("held for 190 s, no RTP").isNull();
		assertThat(limits.overrun(311 * S, 0, 10 * S, false, 0)).isEqualTo(CallLimits.Overrun.HELD_TOO_LONG);
	}

	@Test
	void theRtpTimeoutCountsAgainFromTheResumption() {
		assertThat(limits.overrun(250 * S, 0, 200 * S, true, 0)).as("resumed 50 s ago").isNull();
		assertThat(limits.overrun(261 * S, 0, 200 * S, true, 0)).isEqualTo(CallLimits.Overrun.RTP_TIMEOUT);
	}

	@Test
	void noCallOutlastsTheAbsoluteLimitHoweverLively() {
		long twoHours = 7200 * S;
		assertThat(limits.overrun(twoHours - S, 0, 0, true, twoHours - S)).isNull();
		assertThat(limits.overrun(twoHours + S, 0, 0, true, twoHours + S)).isEqualTo(CallLimits.Overrun.TOO_LONG);
	}
}
