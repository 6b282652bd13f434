package org.voxbox.directory;

import org.springframework.ui.Model;

/**
 * A section another module adds to a person's own profile page (e.g. {@code pin}'s voicemail section), so the
 * page lives here without this module depending on the others.
 */
public interface ProfileSection {

	/** The Thymeleaf fragment to render, e.g. {@code "pin/sections :: profile"}. */
	String fragment();

	/** Adds what the fragment needs to the model. Called on the request thread. */
	void addTo(Model model, Person person, Caller viewer);
}
