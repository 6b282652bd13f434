package org.voxbox.telephony;

/**
 * One menu of a retrieval call: where the caller's keys go while it is the call's active one (see
 * {@link Retrieval}). Called on the call executor inside {@link Announcer#handle}, so one event at a time.
 */
interface Menu {

	/** A key the caller pressed while this menu is active and the call goes on. */
	void key(char key);

	/** Whether the menu waits for a key now: not while a PIN is being checked or a recording is made. */
	boolean awaitsKey();

	/** Where in the menu the caller is, for the log. */
	String step();
}
