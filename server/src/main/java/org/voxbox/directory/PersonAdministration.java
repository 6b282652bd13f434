package org.voxbox.directory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.voxbox.web.ApiError;
import org.voxbox.web.ApiException;
import org.voxbox.web.ErrorCode;

/**
 * Creating, changing and removing people and giving them temporary passwords: validates what the administrator
 * sent (all problems at once), keeps the organisation's last administrator, and announces new people so their
 * mailbox is created in the same transaction (and, with removals and role changes, for the audit trail). Portal
 * sessions follow such changes on their next request
 * ({@link PortalSessionCheck}): a demoted administrator's are a user's, a deleted person's and a reset one's end.
 */
@Component
class PersonAdministration {

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{1,63}");

	private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,10}");

	private final People people;

	private final ApplicationEventPublisher events;

	private final PhoneNumbers phoneNumbers;

	private final Clock clock;

	PersonAdministration(People people, ApplicationEventPublisher events, PhoneNumbers phoneNumbers, Clock clock) {
		this.people = people;
		this.events = events;
		this.phoneNumbers = phoneNumbers;
		this.clock = clock;
	}

	@Transactional
	Person create(Caller caller, PersonInput input, Channel channel) {
		caller.requireAdmin();
		Person person = validate(caller.locale(), UUID.randomUUID(), caller.orgId(), input, null);
		try {
			people.insert(person);
		}
		catch (DuplicateKeyException ex) {
			throw uniqueness(ex, caller.locale());
		}
		events.publishEvent(new PersonCreated(person.id(), person.orgId(), caller.personId(), channel));
		return person;
	}

	@Transactional
	Person update(Caller caller, Person existing, PersonInput input, Channel channel) {
		if (!caller.isAdmin()) {
			// A user may change their own language only; everything else is the administrator's.
			Person changed = validate(caller.locale(), existing.id(), existing.orgId(), input, existing);
			if (!sameExceptLanguage(existing, changed)) {
				throw DirectoryErrors.adminOnly(caller.locale());
			}
			people.update(changed);
			return changed;
		}
		Person changed = validate(caller.locale(), existing.id(), existing.orgId(), input, existing);
		if (existing.role() == Role.ADMIN && changed.role() != Role.ADMIN && people.countAdmins(existing.orgId()) <= 1) {
			throw DirectoryErrors.conflict("error.lastAdmin", caller.locale());
		}
		try {
			people.update(changed);
		}
		catch (DuplicateKeyException ex) {
			throw uniqueness(ex, caller.locale());
		}
		if (changed.role() != existing.role()) {
			events.publishEvent(new RoleChanged(existing.id(), existing.orgId(), caller.personId(), channel, existing.role(),
					changed.role()));
		}
		return changed;
	}

	@Transactional
	void delete(Caller caller, Person person, Channel channel) {
		caller.requireAdmin();
		if (person.role() == Role.ADMIN && people.countAdmins(person.orgId()) <= 1) {
			throw DirectoryErrors.conflict("error.lastAdmin", caller.locale());
		}
		people.delete(person.id());
		events.publishEvent(new PersonDeleted(person.id(), person.orgId(), caller.personId(), channel));
	}

	/**
	 * Gives {@code person} the temporary password whose hash is {@code hash} (hashed by the caller, before this
	 * transaction): it must be changed at their next sign-in and buys no API token before; their portal sessions end.
	 */
	@Transactional
	void resetPassword(Caller caller, Person person, String hash, Channel channel) {
		caller.requireAdmin();
		people.setTemporaryPasswordHash(person.id(), hash);
		events.publishEvent(new PasswordReset(person.id(), person.orgId(), caller.personId(), channel));
	}

	private static boolean sameExceptLanguage(Person a, Person b) {
		return a.firstName().equals(b.firstName()) && a.lastName().equals(b.lastName())
				&& a.email().equalsIgnoreCase(b.email()) && java.util.Objects.equals(a.phoneE164(), b.phoneE164())
				&& java.util.Objects.equals(a.extension(), b.extension()) && a.role() == b.role();
	}

	/** Builds the person {@code input} describes, or throws 400 naming every field that is wrong. */
	private Person validate(Locale locale, UUID id, UUID orgId, PersonInput input, @Nullable Person existing) {
		List<String> problems = new ArrayList<>();
		String email = null;
		if (input.emails() == null || input.emails().size() != 1 || input.emails().get(0) == null) {
			problems.add("error.emailRequired");
		}
		else {
			email = input.emails().get(0).strip();
			if (email.length() > 320 || !EMAIL.matcher(email).matches() || Names.hasHiddenCharacters(email)) {
				problems.add("error.emailInvalid");
			}
		}
		String first = input.firstName() == null ? null : Names.normalise(input.firstName());
		String last = input.lastName() == null ? null : Names.normalise(input.lastName());
		if (first == null || last == null || first.isEmpty() || last.isEmpty() || first.length() > 100 || last.length() > 100) {
			problems.add("error.nameRequired");
		}
		else if (Names.hasHiddenCharacters(first) || Names.hasHiddenCharacters(last)) {
			problems.add("error.nameHidden");
		}
		String phone = null;
		if (input.phoneNumbers() != null && !input.phoneNumbers().isEmpty()) {
			var entry = input.phoneNumbers().get(0);
			phone = entry == null || entry.value() == null ? null : normalisePhone(entry.value());
			if (phone == null || input.phoneNumbers().size() > 1) {
				problems.add("error.phoneInvalid");
			}
		}
		String extension = input.extension() == null || input.extension().isBlank() ? null : input.extension().strip();
		if (extension != null && !EXTENSION.matcher(extension).matches()) {
			problems.add("error.extensionInvalid");
		}
		Locale language = existing == null ? Locale.ENGLISH : existing.language();
		if (input.language() != null) {
			switch (input.language().strip().toLowerCase(Locale.ROOT)) {
				case "en" -> language = Locale.ENGLISH;
				case "nl" -> language = Locale.forLanguageTag("nl");
				default -> problems.add("error.languageInvalid");
			}
		}
		Role role = existing == null ? Role.USER : existing.role();
		if (input.role() != null) {
			try {
				role = Role.valueOf(input.role().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add("error.roleInvalid");
			}
		}
		if (!problems.isEmpty()) {
			List<ApiError.Detail> details = problems.stream()
				.map(key -> new ApiError.Detail(ErrorCode.INVALID_FIELD.number(), ErrorCode.INVALID_FIELD.name(),
						DirectoryErrors.text(key, locale)))
				.toList();
			throw new ApiException(HttpStatus.BAD_REQUEST, DirectoryErrors.text("error.invalidPerson", locale), details);
		}
		return new Person(id, orgId, first, last, email.toLowerCase(Locale.ROOT), phone, extension, language, role,
				existing == null ? clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) : existing.created());
	}

	private @Nullable String normalisePhone(String value) {
		return phoneNumbers.e164(value);
	}

	private static ApiException uniqueness(DuplicateKeyException ex, Locale locale) {
		String text = String.valueOf(ex.getMostSpecificCause().getMessage());
		if (text.contains("phone")) {
			return DirectoryErrors.conflict("error.phoneTaken", locale);
		}
		if (text.contains("extension")) {
			return DirectoryErrors.conflict("error.extensionTaken", locale);
		}
		return DirectoryErrors.conflict("error.emailTaken", locale);
	}
}
