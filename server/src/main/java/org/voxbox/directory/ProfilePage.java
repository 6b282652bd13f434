package org.voxbox.directory;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

/** My profile: who I am, my language, and the sections other modules add (voicemail). */
@Controller
class ProfilePage {

	private final People people;

	private final List<ProfileSection> sections;

	ProfilePage(People people, List<ProfileSection> sections) {
		this.people = people;
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
