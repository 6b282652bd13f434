package org.voxbox.pin;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.directory.ProfileSection;
import org.voxbox.directory.SignInStep;
import org.voxbox.mailbox.Mailboxes;
import org.voxbox.pinpolicy.PinMessages;
import org.voxbox.pinpolicy.PinPolicy;

/**
 * The PIN in the portal: the voicemail section of My profile (state, the reset dialog and its requirements),
 * the administrator's PIN section of a person's page (reset, unlock), and the sign-in step that sends a person
 * whose PIN must be changed straight to the dialog.
 */
@Controller
class PinPortal implements ProfileSection, SignInStep {

	private final People people;

	private final Mailboxes mailboxes;

	private final PinPolicies policies;

	private final PinStates states;

	private final PinReset reset;

	private final PinUnlock unlock;

	PinPortal(People people, Mailboxes mailboxes, PinPolicies policies, PinStates states, PinReset reset, PinUnlock unlock) {
		this.people = people;
		this.mailboxes = mailboxes;
		this.policies = policies;
		this.states = states;
		this.reset = reset;
		this.unlock = unlock;
	}

	/**
	 * A rule as the dialog lists it before anything is typed; {@code onSubmit} when it is checked only on submit
	 * (it needs the stored PINs), so the dialog does not tick it while typing.
	 */
	record Requirement(String code, String description, boolean onSubmit) {
	}

	@Override
	public String fragment() {
		return "pin/sections :: profile";
	}

	@Override
	public void addTo(Model model, Person person, Caller viewer) {
		boolean enabled = mailboxes.isEnabled(person.id());
		model.addAttribute("voicemailEnabled", enabled);
		PinPolicies.Stored stored = policies.load(person.orgId());
		PinStates.PinState state = states.of(person.id(), stored.policy());
		model.addAttribute("pinState", state.state());
		model.addAttribute("pinExpires", state.expires() == null ? null
				: DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(viewer.locale())
					.format(state.expires().atZone(ZoneOffset.UTC)));
		model.addAttribute("defaultPinEnabled", stored.defaultPin().isPresent());
		PinPolicy policy = stored.policy();
		model.addAttribute("requirements", PinMessages.requirements(policy, true).stream()
			.map(rule -> new Requirement(rule.name(), PinMessages.requirement(rule, policy, viewer.locale()),
					PinChange.CHECKED_ON_SUBMIT.contains(rule)))
			.toList());
	}

	@Override
	public Optional<String> redirectFor(Caller caller) {
		Person person = people.find(caller.personId()).orElse(null);
		if (person == null || !mailboxes.isEnabled(person.id())) {
			return Optional.empty();
		}
		return states.of(person).mustChange() ? Optional.of("/profile?pin=change") : Optional.empty();
	}

	@PostMapping("/admin/people/{personId}/pin/reset")
	String resetPin(@AuthenticationPrincipal Caller caller, @PathVariable String personId, RedirectAttributes redirect) {
		Person person = adminScope(caller, personId);
		try {
			reset.reset(actor(caller), person).ifPresent(pin -> redirect.addFlashAttribute("temporaryPin", pin));
		}
		catch (PinHasher.HashingBusy busy) {
			throw PinErrors.busy(caller.locale(), 1);
		}
		return "redirect:/admin/people/" + personId;
	}

	@PostMapping("/admin/people/{personId}/pin/unlock")
	String unlockPin(@AuthenticationPrincipal Caller caller, @PathVariable String personId, RedirectAttributes redirect) {
		Person person = adminScope(caller, personId);
		if (unlock.unlock(actor(caller), person)) {
			redirect.addFlashAttribute("pinUnlocked", true);
		}
		return "redirect:/admin/people/" + personId;
	}

	private Person adminScope(Caller caller, String personId) {
		caller.requireAdminPage();
		return people.inScope(caller, personId);
	}

	private static PinChange.Actor actor(Caller caller) {
		return new PinChange.Actor(caller.personId(), Channel.PORTAL, caller.locale());
	}

}
