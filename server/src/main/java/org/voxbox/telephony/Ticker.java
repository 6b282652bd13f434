package org.voxbox.telephony;

/**
 * Monotonic time in nanoseconds, {@link System#nanoTime} outside tests: the calls' timeouts read it, so a test
 * moves time on instead of waiting for it.
 */
@FunctionalInterface
interface Ticker {

	Ticker SYSTEM = System::nanoTime;

	long nanoTime();
}
