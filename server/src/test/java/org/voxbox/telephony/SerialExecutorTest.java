package org.voxbox.telephony;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One call's events on a shared pool: in the order they came, one at a time, a failing one not in the way. */
class SerialExecutorTest {

	@Test
	void tasksRunOneAtATimeInTheOrderTheyCameOnASharedPool() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			SerialExecutor call = new SerialExecutor(pool);
			List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
			int[] inside = new int[1];
			List<Integer> overlaps = Collections.synchronizedList(new ArrayList<>());
			int n = 20_000;
			CountDownLatch done = new CountDownLatch(n);
			for (int i = 0; i < n; i++) {
				int key = i;
				// Another call's work keeps the pool's other threads busy at the same time.
				pool.execute(() -> Thread.onSpinWait());
				call.execute(() -> {
					if (++inside[0] > 1) {
						overlaps.add(key);
					}
					ran.add(key);
					inside[0]--;
					done.countDown();
				});
			}
			assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(overlaps).as("tasks that ran while another did").isEmpty();
			for (int i = 0; i < n; i++) {
				assertThat(ran.get(i)).as("task %d", i).isEqualTo(i);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aTaskThatThrowsDoesNotStopTheOnesAfterIt() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			SerialExecutor call = new SerialExecutor(pool);
			CountDownLatch after = new CountDownLatch(1);
			call.execute(() -> {
				throw new IllegalStateException("the hash pool is full");
			});
			call.execute(after::countDown);
			assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aFloodOfOfferedTasksIsCutAtTheLimitWhileOthersStillRun() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(1);
		try {
			SerialExecutor call = new SerialExecutor(pool);
			CountDownLatch busy = new CountDownLatch(1);
			call.execute(() -> {
				try {
					busy.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
			int queued = 0;
			for (int i = 0; i < 1000; i++) {
				queued += call.offer(ran::incrementAndGet, 32) ? 1 : 0;
			}
			assertThat(queued).as("keys queued behind a busy call").isLessThanOrEqualTo(32);
			CountDownLatch internal = new CountDownLatch(1);
			call.execute(internal::countDown); // the call's own events are never refused
			busy.countDown();
			assertThat(internal.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(ran.get()).isEqualTo(queued);
		}
		finally {
			pool.shutdownNow();
		}
	}
}
