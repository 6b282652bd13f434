package org.voxbox.directory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** My profile: who I am, my language, and the sections other modules add (voicemail). */
@Controller
class ProfilePage {

	private final People people;

	private final PasswordChange passwordChange;

	private final List<ProfileSection> sections;

	ProfilePage(People people, PasswordChange passwordChange, List<ProfileSection> sections) {
		this.people = people;
		this.passwordChange = passwordChange;
		this.sections = sections;
	}

	@GetMapping("/profile")
	String profile(@AuthenticationPrincipal Caller caller, Model model) {
		Person me = people.find(caller.personId()).orElseThrow(() -> DirectoryErrors.personNotFound(caller.locale()));
		model.addAttribute("person", me);
		model.addAttribute("sections", sections.stream().map(ProfileSection::fragment).toList());
		sections.forEach(section -> section.addTo(model, me, caller));
		return "directory/profile";
	}

	/**
	 * Changes one's own sign-in password ({@link PasswordChange}): the person's other sessions end, this one stays.
	 * The current password is checked like a sign-in ({@link PasswordCheck}): wrong ones count against the account's
	 * sign-in attempts, and once those are used up it is not checked at all until the window has passed. The outcome
	 * is shown on the profile page; no password is ever put back into the page.
	 */
	@PostMapping("/profile/password")
	String password(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmPassword,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Optional<String> problem = passwordChange.change(caller, currentPassword, newPassword, confirmPassword, request,
				response);
		if (problem.isPresent()) {
			redirect.addFlashAttribute("passwordError", problem.get());
		}
		else {
			redirect.addFlashAttribute("passwordChanged", true);
		}
		return "redirect:/profile#password";
	}

	/** Stores the language; the next page is in it, as every request reads the person again. */
	@PostMapping("/profile/language")
	String language(@AuthenticationPrincipal Caller caller, @RequestParam String language) {
		Locale locale = switch (language) {
			case "nl" -> Locale.forLanguageTag("nl");
			case "en" -> Locale.ENGLISH;
			default -> throw DirectoryErrors.invalid("error.languageInvalid", caller.locale());
		};
		people.setLanguage(caller.personId(), locale);
		return "redirect:/profile";
	}
}
