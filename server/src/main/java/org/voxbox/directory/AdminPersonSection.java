package org.voxbox.directory;

import org.springframework.ui.Model;

/**
 * A section another module adds to the administrator's page of a person (voicemail switch, PIN actions).
 */
public interface AdminPersonSection {

	/** The Thymeleaf fragment to render, e.g. {@code "mailbox/sections :: admin"}. */
	String fragment();

	/** Adds what the fragment needs to the model. Called on the request thread. */
	void addTo(Model model, Person person, Caller viewer);
}
