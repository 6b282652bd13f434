package org.voxbox.pin;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.voxbox.directory.AdminPersonSection;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Person;

/** The PIN section of the administrator's page of a person: state, reset (temporary PIN shown once), unlock. */
@Component
class PinAdminSection implements AdminPersonSection {

	private final PinPortal portal;

	PinAdminSection(PinPortal portal) {
		this.portal = portal;
	}

	@Override
	public String fragment() {
		return "pin/sections :: admin";
	}

	@Override
	public void addTo(Model model, Person person, Caller viewer) {
		portal.addTo(model, person, viewer);
	}
}
