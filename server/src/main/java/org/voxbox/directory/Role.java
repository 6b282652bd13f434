package org.voxbox.directory;

/** What a person may do: an administrator manages their own organisation; a user only their own data. */
public enum Role {
	ADMIN, USER
}
