package org.voxbox.pinpolicy;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Wraps a history and records every question asked of it, as the server's slow hashes would be counted. */
final class RecordingHistory implements PinHistory {

	private final PinHistory delegate;
	private final Map<String, Integer> questions = new TreeMap<>();
	private int calls;

	RecordingHistory(PinHistory delegate) {
		this.delegate = delegate;
	}

	@Override
	public boolean contains(String candidate, int depth) {
		asked("contains:" + candidate);
		return delegate.contains(candidate, depth);
	}

	@Override
	public boolean isCurrent(String candidate) {
		asked("isCurrent:" + candidate);
		return delegate.isCurrent(candidate);
	}

	@Override
	public boolean currentMustChange() {
		calls++;
		return delegate.currentMustChange();
	}

	@Override
	public @Nullable Instant lastChangedByOwner() {
		calls++;
		return delegate.lastChangedByOwner();
	}

	private void asked(String question) {
		calls++;
		questions.merge(question, 1, Integer::sum);
	}

	/** How often each question was asked about each string, e.g. {@code "isCurrent:720394" → 1}. */
	Map<String, Integer> questions() {
		return questions;
	}

	/** Calls of any method. */
	int calls() {
		return calls;
	}
}
