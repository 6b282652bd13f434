package org.voxbox.mailbox;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.voxbox.directory.AdminPersonSection;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;

/** The voicemail switch on the administrator's page of a person. */
@Controller
class VoicemailPortal implements AdminPersonSection {

	private final Mailboxes mailboxes;

	private final People people;

	private final ApplicationEventPublisher events;

	VoicemailPortal(Mailboxes mailboxes, People people, ApplicationEventPublisher events) {
		this.mailboxes = mailboxes;
		this.people = people;
		this.events = events;
	}

	@Override
	public String fragment() {
		return "mailbox/sections :: admin";
	}

	@Override
	public void addTo(Model model, Person person, Caller viewer) {
		model.addAttribute("voicemailEnabled", mailboxes.isEnabled(person.id()));
	}

	@PostMapping("/admin/people/{personId}/voicemail")
	@Transactional
	String toggle(@AuthenticationPrincipal Caller caller, @PathVariable String personId, @RequestParam boolean enabled) {
		caller.requireAdminPage();
		Person person = people.inScope(caller, personId);
		if (mailboxes.isEnabled(person.id()) != enabled) {
			mailboxes.setEnabled(person.id(), enabled);
			events.publishEvent(enabled ? new VoicemailEnabled(person.id(), person.orgId(), caller.personId(), Channel.PORTAL)
					: new VoicemailDisabled(person.id(), person.orgId(), caller.personId(), Channel.PORTAL));
		}
		return "redirect:/admin/people/" + personId;
	}
}
