package org.voxbox.pinpolicy;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A test history kept in plain text, newest PIN first. */
record PlainTextHistory(List<String> newestFirst, boolean currentMustChange, @Nullable Instant lastChangedByOwner)
		implements PinHistory {

	PlainTextHistory {
		newestFirst = List.copyOf(newestFirst);
	}

	static PlainTextHistory withPins(String... newestFirst) {
		return new PlainTextHistory(List.of(newestFirst), false, null);
	}

	static PlainTextHistory withCurrentThatMustChange(String current) {
		return new PlainTextHistory(List.of(current), true, null);
	}

	static PlainTextHistory changedByOwnerAt(Instant when, String current) {
		return new PlainTextHistory(List.of(current), false, when);
	}

	@Override
	public boolean contains(String candidate, int depth) {
		if (depth < 1) {
			throw new IllegalArgumentException("depth must be at least 1: " + depth);
		}
		for (int i = 0; i < Math.min(depth, newestFirst.size()); i++) {
			if (newestFirst.get(i).equals(candidate)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean isCurrent(String candidate) {
		return !newestFirst.isEmpty() && newestFirst.get(0).equals(candidate);
	}
}
