package org.voxbox.directory;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.voxbox.web.PublicId;

/** {@code /v1/people}: the Webex People API subset Voxbox needs, for administrators and for oneself. */
@RestController
@RequestMapping(path = "/v1/people", produces = "application/json")
@Tag(name = "People")
class PeopleController {

	private final People people;

	private final PersonAdministration administration;

	PeopleController(People people, PersonAdministration administration) {
		this.people = people;
		this.administration = administration;
	}

	/** A person in Webex field names, with the Voxbox extensions {@code language} and {@code role}. */
	record PersonResource(String id, List<String> emails, List<PersonInput.PhoneNumber> phoneNumbers,
			@Nullable String extension, String displayName, String firstName, String lastName, String orgId,
			String language, String role, Instant created) {

		static PersonResource of(Person p) {
			return new PersonResource(PublicId.PEOPLE.encode(p.id()), List.of(p.email()),
					p.phoneE164() == null ? List.of() : List.of(new PersonInput.PhoneNumber("work", p.phoneE164())),
					p.extension(), p.displayName(), p.firstName(), p.lastName(), PublicId.ORGANIZATION.encode(p.orgId()),
					p.language().getLanguage(), p.role().name(), p.created());
		}
	}

	record PersonList(List<PersonResource> items) {
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Create a person (administrator); their mailbox is created with voicemail off")
	PersonResource create(@AuthenticationPrincipal Caller caller, @RequestBody PersonInput input) {
		return PersonResource.of(administration.create(caller, input, Channel.API));
	}

	@GetMapping
	@Operation(summary = "List the people of the caller's organisation (administrator), paged with max/start and a Link header")
	ResponseEntity<PersonList> list(@AuthenticationPrincipal Caller caller,
			@RequestParam(defaultValue = "100") int max, @RequestParam(defaultValue = "0") int start,
			@RequestParam(required = false) @Nullable String email) {
		caller.requireAdmin();
		// start + max must still be an int: it is the next page's start.
		if (max < 1 || max > 1000 || start < 0 || start > Integer.MAX_VALUE - max) {
			throw DirectoryErrors.invalid("error.paging", caller.locale());
		}
		List<Person> page = people.page(caller.orgId(), email, start, max + 1);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.size() > max) {
			String next = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("start", start + max)
				.replaceQueryParam("max", max)
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
			page = page.subList(0, max);
		}
		return response.body(new PersonList(page.stream().map(PersonResource::of).toList()));
	}

	@GetMapping("/me")
	@Operation(summary = "The calling person")
	PersonResource me(@AuthenticationPrincipal Caller caller) {
		return PersonResource.of(people.find(caller.personId()).orElseThrow(() -> DirectoryErrors.personNotFound(caller.locale())));
	}

	@GetMapping("/{personId}")
	@Operation(summary = "A person: oneself, or anyone of the administrator's organisation")
	PersonResource get(@AuthenticationPrincipal Caller caller, @PathVariable String personId) {
		return PersonResource.of(people.inScope(caller, personId));
	}

	@PutMapping(path = "/{personId}", consumes = "application/json")
	@Operation(summary = "Replace a person's details (administrator; a person may change their own language)")
	PersonResource update(@AuthenticationPrincipal Caller caller, @PathVariable String personId,
			@RequestBody PersonInput input) {
		return PersonResource.of(administration.update(caller, people.inScope(caller, personId), input, Channel.API));
	}

	@DeleteMapping("/{personId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a person with their mailbox, PIN and tokens (administrator)")
	void delete(@AuthenticationPrincipal Caller caller, @PathVariable String personId) {
		caller.requireAdmin();
		administration.delete(caller, people.inScope(caller, personId), Channel.API);
	}

}
