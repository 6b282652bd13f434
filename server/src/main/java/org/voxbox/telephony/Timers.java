package org.voxbox.telephony;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: what a call's timeouts are scheduled on. The application's run on one shared
 * scheduler thread; a test's run when the test moves its own time on, so timeouts are tested without waiting.
 */
@FunctionalInterface
interface Timers {

	/** Runs {@code task} after {@code delay} unless cancelled first. The task must not block. */
	Timer schedule(Duration delay, Runnable task);

	/** A task waiting for its time. */
	@FunctionalInterface
	interface Timer {

		/** Keeps the task from running, when it has not begun yet. */
		void cancel();
	}

	/** Timers on {@code scheduler}. */
	static Timers on(ScheduledExecutorService scheduler) {
		return (delay, task) -> {
			ScheduledFuture<?> future = scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
			return () -> future.cancel(false);
		};
	}
}
