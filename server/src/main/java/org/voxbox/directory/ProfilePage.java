package org.voxbox.directory;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** My profile: who I am, my language, and the sections other modules add (voicemail). */
@Controller
class ProfilePage {

	static final int MIN_PASSWORD = 12;

	private final People people;

	private final Passwords passwords;

	private final PasswordCheck check;

	private final List<ProfileSection> sections;

	ProfilePage(People people, Passwords passwords, PasswordCheck check, List<ProfileSection> sections) {
		this.people = people;
		this.passwords = passwords;
		this.check = check;
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
	 * Changes one's own sign-in password: the current one, and the new one twice (at least 12 characters). The
	 * outcome is shown on the profile page; no password is ever put back into the page. The current password is
	 * checked like a sign-in ({@link PasswordCheck}): wrong ones count against the account's sign-in attempts, and
	 * once those are used up it is not checked at all until the window has passed.
	 */
	@PostMapping("/profile/password")
	String password(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmPassword,
			RedirectAttributes redirect) {
		String problem;
		try {
			problem = passwordProblem(caller, currentPassword, newPassword, confirmPassword);
			if (problem == null) {
				people.setPasswordHash(caller.personId(), passwords.hash(newPassword));
			}
		}
		catch (SignInThrottle.Throttled ex) {
			problem = "password.throttled";
		}
		catch (Passwords.HashingBusy ex) {
			problem = "password.busy";
		}
		if (problem != null) {
			redirect.addFlashAttribute("passwordError", problem);
			return "redirect:/profile#password";
		}
		redirect.addFlashAttribute("passwordChanged", true);
		return "redirect:/profile#password";
	}

	private @Nullable String passwordProblem(Caller caller, String currentPassword, String newPassword,
			String confirmPassword) {
		if (currentPassword.length() > 1024 || !check.confirm(caller.personId(), currentPassword)) {
			return "password.wrongCurrent";
		}
		if (newPassword.length() < MIN_PASSWORD || newPassword.length() > 1024) {
			return "password.tooShort";
		}
		if (!newPassword.equals(confirmPassword)) {
			return "password.mismatch";
		}
		return null;
	}

	@PostMapping("/profile/language")
	String language(@AuthenticationPrincipal Caller caller, @RequestParam String language, HttpServletRequest request,
			HttpServletResponse response) {
		Locale locale = switch (language) {
			case "nl" -> Locale.forLanguageTag("nl");
			case "en" -> Locale.ENGLISH;
			default -> throw DirectoryErrors.invalid("error.languageInvalid", caller.locale());
		};
		people.setLanguage(caller.personId(), locale);
		// The session holds the caller; give it the new language so the next page is in it.
		Caller changed = new Caller(caller.personId(), caller.orgId(), caller.role(), locale);
		var current = SecurityContextHolder.getContext().getAuthentication();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(changed, null, current.getAuthorities()));
		SecurityContextHolder.setContext(context);
		new HttpSessionSecurityContextRepository().saveContext(context, request, response);
		return "redirect:/profile";
	}
}
