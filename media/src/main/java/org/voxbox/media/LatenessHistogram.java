package org.voxbox.media;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts send lateness in 50 µs buckets up to 200 ms (later counts as 200 ms), plus the exact
 * maximum. One thread records; any thread may take a snapshot. Does not allocate when recording.
 */
final class LatenessHistogram {

	private static final long BUCKET_NANOS = 50_000L;
	private static final int BUCKETS = 4000;

	private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
	private volatile long maxNanos;

	/** Records one lateness in nanoseconds; negative values count as 0. Single writer only. */
	void record(long latenessNanos) {
		long lateness = Math.max(0, latenessNanos);
		counts.incrementAndGet((int) Math.min(BUCKETS, lateness / BUCKET_NANOS));
		if (lateness > maxNanos) {
			maxNanos = lateness;
		}
	}

	RtpPacer.Lateness snapshot() {
		long[] copy = new long[counts.length()];
		long total = 0;
		for (int i = 0; i < copy.length; i++) {
			copy[i] = counts.get(i);
			total += copy[i];
		}
		return new RtpPacer.Lateness(total, percentile(copy, total, 0.50), percentile(copy, total, 0.99), maxNanos / 1e6);
	}

	/** The lower edge of the bucket holding the given fraction of values, in milliseconds. */
	private static double percentile(long[] counts, long total, double fraction) {
		if (total == 0) {
			return 0;
		}
		long rank = (long) Math.ceil(fraction * total);
		long seen = 0;
		for (int i = 0; i < counts.length; i++) {
			seen += counts[i];
			if (seen >= rank) {
				return i * BUCKET_NANOS / 1e6;
			}
		}
		return BUCKETS * BUCKET_NANOS / 1e6;
	}
}
