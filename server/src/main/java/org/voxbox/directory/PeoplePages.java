package org.voxbox.directory;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.voxbox.web.ApiError;
import org.voxbox.web.ApiException;
import org.voxbox.web.PublicId;

/**
 * The administrator's people pages: list with search and paging, create, edit, delete, a temporary password, and
 * the person's API tokens (listed, revoked all at once). Other modules add their sections to a person's page
 * (voicemail switch, PIN reset and unlock). For anyone but an administrator of the person's organisation these
 * pages do not exist (404).
 */
@Controller
class PeoplePages {

	static final int PAGE_SIZE = 20;

	private final People people;

	private final PersonAdministration administration;

	private final Passwords passwords;

	private final ApiTokens tokens;

	private final TokenAdministration tokenAdministration;

	private final List<AdminPersonSection> sections;

	PeoplePages(People people, PersonAdministration administration, Passwords passwords, ApiTokens tokens,
			TokenAdministration tokenAdministration, List<AdminPersonSection> sections) {
		this.people = people;
		this.administration = administration;
		this.passwords = passwords;
		this.tokens = tokens;
		this.tokenAdministration = tokenAdministration;
		this.sections = sections;
	}

	/** The person form's fields, as typed. */
	record PersonForm(@Nullable String firstName, @Nullable String lastName, @Nullable String email,
			@Nullable String phone, @Nullable String extension, @Nullable String language, @Nullable String role) {

		static PersonForm of(Person p) {
			return new PersonForm(p.firstName(), p.lastName(), p.email(), p.phoneE164(), p.extension(),
					p.language().getLanguage(), p.role().name());
		}

		static PersonForm empty(Locale language) {
			return new PersonForm("", "", "", "", "", language.getLanguage(), Role.USER.name());
		}

		PersonInput input() {
			return new PersonInput(email == null ? null : List.of(email), firstName, lastName,
					phone == null || phone.isBlank() ? List.of() : List.of(new PersonInput.PhoneNumber("work", phone)),
					extension, language, role);
		}
	}

	@GetMapping("/admin/people")
	String list(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		caller.requireAdminPage();
		int p = Math.max(0, page);
		if (p > Integer.MAX_VALUE / PAGE_SIZE - 1) {
			throw DirectoryErrors.invalid("error.paging", caller.locale());
		}
		String query = q.strip();
		List<Person> found = query.isEmpty() ? people.page(caller.orgId(), null, p * PAGE_SIZE, PAGE_SIZE + 1)
				: people.search(caller.orgId(), query.length() > 100 ? query.substring(0, 100) : query, p * PAGE_SIZE,
						PAGE_SIZE + 1);
		model.addAttribute("q", query);
		model.addAttribute("page", p);
		model.addAttribute("hasNext", found.size() > PAGE_SIZE);
		model.addAttribute("people", found.stream().limit(PAGE_SIZE)
			.map(person -> new Row(PublicId.PEOPLE.encode(person.id()), person)).toList());
		return "directory/people";
	}

	/** A person in the list, with their public id for links. */
	record Row(String id, Person person) {
	}

	@GetMapping("/admin/people/new")
	String newPerson(@AuthenticationPrincipal Caller caller, Model model) {
		caller.requireAdminPage();
		model.addAttribute("form", PersonForm.empty(caller.locale()));
		return "directory/person";
	}

	@PostMapping("/admin/people/new")
	String create(@AuthenticationPrincipal Caller caller, @ModelAttribute PersonForm form, Model model) {
		caller.requireAdminPage();
		try {
			Person created = administration.create(caller, form.input(), Channel.PORTAL);
			return "redirect:/admin/people/" + PublicId.PEOPLE.encode(created.id());
		}
		catch (ApiException rejected) {
			model.addAttribute("form", form);
			model.addAttribute("errors", descriptions(rejected));
			return "directory/person";
		}
	}

	@GetMapping("/admin/people/{personId}")
	String edit(@AuthenticationPrincipal Caller caller, @PathVariable String personId, Model model) {
		Person person = inScope(caller, personId);
		model.addAttribute("form", PersonForm.of(person));
		return showPerson(caller, person, model);
	}

	@PostMapping("/admin/people/{personId}")
	String save(@AuthenticationPrincipal Caller caller, @PathVariable String personId, @ModelAttribute PersonForm form,
			Model model, RedirectAttributes redirect) {
		Person person = inScope(caller, personId);
		try {
			administration.update(caller, person, form.input(), Channel.PORTAL);
			redirect.addFlashAttribute("saved", true);
			return "redirect:/admin/people/" + personId;
		}
		catch (ApiException rejected) {
			model.addAttribute("form", form);
			model.addAttribute("errors", descriptions(rejected));
			return showPerson(caller, person, model);
		}
	}

	@PostMapping("/admin/people/{personId}/delete")
	String delete(@AuthenticationPrincipal Caller caller, @PathVariable String personId, Model model) {
		Person person = inScope(caller, personId);
		try {
			administration.delete(caller, person, Channel.PORTAL);
			return "redirect:/admin/people";
		}
		catch (ApiException rejected) {
			model.addAttribute("form", PersonForm.of(person));
			model.addAttribute("errors", descriptions(rejected));
			return showPerson(caller, person, model);
		}
	}

	@PostMapping("/admin/people/{personId}/password")
	String temporaryPassword(@AuthenticationPrincipal Caller caller, @PathVariable String personId,
			RedirectAttributes redirect) {
		Person person = inScope(caller, personId);
		String password = Passwords.generate();
		String hash;
		try {
			hash = passwords.hash(password); // before the transaction: no database lock waits for the hash
		}
		catch (Passwords.HashingBusy busy) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE); // the portal's "busy, try again" page
		}
		administration.resetPassword(caller, person, hash, Channel.PORTAL);
		redirect.addFlashAttribute("temporaryPassword", password);
		return "redirect:/admin/people/" + personId;
	}

	@PostMapping("/admin/people/{personId}/tokens/revoke")
	String revokeTokens(@AuthenticationPrincipal Caller caller, @PathVariable String personId, RedirectAttributes redirect) {
		Person person = inScope(caller, personId);
		redirect.addFlashAttribute("tokensRevoked", tokenAdministration.revokeAll(caller, person, Channel.PORTAL));
		return "redirect:/admin/people/" + personId;
	}

	private String showPerson(Caller caller, Person person, Model model) {
		model.addAttribute("personId", PublicId.PEOPLE.encode(person.id()));
		model.addAttribute("person", person);
		model.addAttribute("tokens", TokensPage.rows(tokens.list(person.id()), people));
		model.addAttribute("sections", sections.stream().map(AdminPersonSection::fragment).toList());
		sections.forEach(section -> section.addTo(model, person, caller));
		return "directory/person";
	}

	private Person inScope(Caller caller, String personId) {
		caller.requireAdminPage();
		return people.inScope(caller, personId);
	}

	private static List<String> descriptions(ApiException rejected) {
		List<String> texts = rejected.errors().stream().map(ApiError.Detail::description).toList();
		return texts.isEmpty() ? List.of(rejected.getMessage()) : texts;
	}
}
