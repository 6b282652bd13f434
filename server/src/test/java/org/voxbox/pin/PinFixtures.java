package org.voxbox.pin;

import java.lang.reflect.Field;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.context.ApplicationContext;
import org.voxbox.FullPool;

/**
 * PIN states other modules' tests need and the API cannot make. The hashing pool is reached by reflection: the
 * application has no reason to let anyone but {@link PinHasher} submit to it.
 */
public final class PinFixtures {

	private PinFixtures() {
	}

	/** A hashing pool held full; closing it lets the pool go back to work. */
	/**
	 * Fills {@code context}'s PIN hashing pool, every thread and every queue slot, with tasks that wait until the
	 * returned handle is closed: until then every PIN check and change there meets {@link PinHasher.HashingBusy}.
	 */
	public static FullPool fullHashingQueue(ApplicationContext context) {
		return FullPool.fill(pool(context.getBean(PinHasher.class)), "the PIN hashing pool");
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
