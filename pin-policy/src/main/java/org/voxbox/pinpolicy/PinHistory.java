package org.voxbox.pinpolicy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the checker needs to know of the owner's PIN history, without plain text. Implemented by
 * the server over slow verifiers; each method that takes a candidate may cost one slow hash per
 * distinct string, so {@link PinChecker} calls them sparingly.
 */
public interface PinHistory {

	/**
	 * True if {@code candidate} equals one of the newest {@code depth} PINs, the current one
	 * included (so {@code contains(c, d)} with {@code d ≥ 1} is true whenever {@code isCurrent(c)} is).
	 *
	 * @param depth at least 1
	 */
	boolean contains(String candidate, int depth);

	/** True if {@code candidate} equals the current PIN; false when there is no current PIN. */
	boolean isCurrent(String candidate);

	/** True if the current PIN must be changed (organisation default, administrator-set, expired). */
	boolean currentMustChange();

	/** When the owner (not an administrator) last changed their PIN, or null if never. */
	@Nullable Instant lastChangedByOwner();

	/** The history of someone who has no PIN yet. */
	static PinHistory none() {
		return NoPinHistory.INSTANCE;
	}
}
