package org.voxbox.pinpolicy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The history of someone who has no PIN yet: nothing matches, nothing must change. */
enum NoPinHistory implements PinHistory {
	INSTANCE;

	@Override
	public boolean contains(String candidate, int depth) {
		return false;
	}

	@Override
	public boolean isCurrent(String candidate) {
		return false;
	}

	@Override
	public boolean currentMustChange() {
		return false;
	}

	@Override
	public @Nullable Instant lastChangedByOwner() {
		return null;
	}
}
