package org.voxbox.directory;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Choosing one's own password after signing in with one an administrator or the first start set. Until that is
 * done every other page sends here ({@link PortalSessionCheck}); afterwards the person goes where signing in
 * would have taken them (the PIN dialog when their PIN must be changed too).
 */
@Controller
class PasswordPage {

	private final People people;

	private final PasswordChange change;

	private final List<SignInStep> steps;

	PasswordPage(People people, PasswordChange change, List<SignInStep> steps) {
		this.people = people;
		this.change = change;
		this.steps = steps;
	}

	@GetMapping(PortalSessionCheck.PASSWORD_PAGE)
	String show(@AuthenticationPrincipal Caller caller) {
		return mustChange(caller) ? "directory/password" : "redirect:/profile#password";
	}

	@PostMapping(PortalSessionCheck.PASSWORD_PAGE)
	String change(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmPassword,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Optional<String> problem = change.change(caller, currentPassword, newPassword, confirmPassword, request, response);
		if (problem.isPresent()) {
			redirect.addFlashAttribute("passwordError", problem.get());
			return "redirect:" + PortalSessionCheck.PASSWORD_PAGE;
		}
		redirect.addFlashAttribute("passwordChanged", true);
		return "redirect:" + SecurityConfiguration.nextPage(steps, caller);
	}

	private boolean mustChange(Caller caller) {
		return people.password(caller.personId()).map(People.StoredPassword::mustChange).orElse(false);
	}
}
