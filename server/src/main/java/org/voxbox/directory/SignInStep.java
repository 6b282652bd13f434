package org.voxbox.directory;

import java.util.Optional;

/**
 * Something a person must do right after signing in to the portal (e.g. change a PIN that must be changed):
 * the first step that answers a path is where they are sent.
 */
public interface SignInStep {

	Optional<String> redirectFor(Caller caller);
}
