package org.voxbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A bounded pool (PIN hashing, password hashing) held full, every thread and every queue slot, by tasks that wait
 * until this is closed: until then whatever the pool runs is refused as busy.
 */
public final class FullPool implements AutoCloseable {

	private final CountDownLatch release = new CountDownLatch(1);

	private final ThreadPoolExecutor pool;

	private FullPool(ThreadPoolExecutor pool) {
		this.pool = pool;
	}

	/** Fills {@code pool}; {@code what} names it in a failure. */
	public static FullPool fill(ThreadPoolExecutor pool, String what) {
		FullPool full = new FullPool(pool);
		Runnable hold = () -> {
			try {
				full.release.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
		// Full means every thread busy with a waiting task and no queue slot left. A thread that was idle takes
		// its task from the queue a moment after the queue refused the last one, freeing a slot: fill again
		// until both hold.
		for (int i = 0; i < 1_000_000; i++) {
			try {
				pool.execute(hold);
			}
			catch (RejectedExecutionException refused) {
				if (pool.getActiveCount() >= pool.getMaximumPoolSize() && pool.getQueue().remainingCapacity() == 0) {
					return full;
				}
				Thread.onSpinWait();
			}
		}
		full.close();
		throw new IllegalStateException(what + " took a million tasks without filling up");
	}

	/** Lets the held tasks go, and returns once they have left the pool. */
	@Override
	public void close() {
		release.countDown();
		Awaitility.await("the pool to drain").atMost(Duration.ofMinutes(1))
			.until(() -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
	}
}
