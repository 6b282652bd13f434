package org.voxbox.pin;

import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ApplicationContext;

/**
 * PIN states other modules' tests need and the API cannot make. The hashing pool is reached by reflection: the
 * application has no reason to let anyone but {@link PinHasher} submit to it.
 */
public final class PinFixtures {

	private PinFixtures() {
	}

	/** A hashing pool held full; closing it lets the pool go back to work. */
	public static final class FullHashingQueue implements AutoCloseable {

		private final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void close() {
			release.countDown();
		}
	}

	/**
	 * Fills {@code context}'s PIN hashing pool, every thread and every queue slot, with tasks that wait until the
	 * returned handle is closed: until then every PIN check and change there meets {@link PinHasher.HashingBusy}.
	 */
	public static FullHashingQueue fullHashingQueue(ApplicationContext context) {
		ThreadPoolExecutor pool = pool(context.getBean(PinHasher.class));
		FullHashingQueue full = new FullHashingQueue();
		Runnable wait = () -> {
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
				pool.execute(wait);
			}
			catch (RejectedExecutionException refused) {
				if (pool.getActiveCount() >= pool.getMaximumPoolSize() && pool.getQueue().remainingCapacity() == 0) {
					return full;
				}
				Thread.onSpinWait();
			}
		}
		full.close();
		throw new IllegalStateException("the PIN hashing pool took a million tasks without filling up");
	}

	private static ThreadPoolExecutor pool(PinHasher hasher) {
		try {
			Field field = PinHasher.class.getDeclaredField("pool");
			field.setAccessible(true);
			return (ThreadPoolExecutor) field.get(hasher);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("PinHasher no longer keeps its pool in the field 'pool'", ex);
		}
	}
}
