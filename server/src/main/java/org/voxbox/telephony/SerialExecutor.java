package org.voxbox.telephony;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs one call's tasks one at a time, in the order they were submitted, on a shared pool: a caller's keys,
 * and what answers them, happen in the order they came (on the shared pool alone, two keys pressed quickly
 * could be handled the other way round). A task that throws does not stop the ones after it. Thread-safe.
 * The queue is bounded only where its producer is a stranger ({@link #offer}).
 */
final class SerialExecutor implements Executor {

	private final Executor pool;

	private final Queue<Runnable> tasks = new ArrayDeque<>();

	private boolean running;

	SerialExecutor(Executor pool) {
		this.pool = pool;
	}

	@Override
	public void execute(Runnable task) {
		offer(task, Integer.MAX_VALUE);
	}

	/**
	 * Queues {@code task} unless {@code limit} tasks are waiting already: what a caller can make Voxbox queue
	 * (a flood of key presses) is bounded.
	 *
	 * @return whether it was queued
	 */
	boolean offer(Runnable task, int limit) {
		synchronized (tasks) {
			if (tasks.size() >= limit) {
				return false;
			}
			tasks.add(task);
			if (running) {
				return true;
			}
			running = true;
		}
		pool.execute(this::drain);
		return true;
	}

	private void drain() {
		while (true) {
			Runnable next;
			synchronized (tasks) {
				next = tasks.poll();
				if (next == null) {
					running = false;
					return;
				}
			}
			try {
				next.run();
			}
			catch (RuntimeException ex) {
				org.slf4j.LoggerFactory.getLogger(SerialExecutor.class).warn("a call's task failed: {}", ex.toString());
			}
		}
	}
}
