package org.voxbox.directory;

/** Where an action came from, for the audit trail. */
public enum Channel {
	API, PORTAL, PHONE, SYSTEM
}
