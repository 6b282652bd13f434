package org.voxbox.mailbox;

/**
 * A message does not fit in its mailbox any more: another message took the room while it was being recorded.
 * Nothing was stored.
 */
public class MailboxFull extends RuntimeException {

	private final int remainingMillis;

	MailboxFull(int remainingMillis) {
		super("the mailbox has room for " + remainingMillis + " ms only", null, false, false);
		this.remainingMillis = remainingMillis;
	}

	/** How much audio still fits, in milliseconds. */
	public int remainingMillis() {
		return remainingMillis;
	}
}
