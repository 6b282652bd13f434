package org.voxbox.pin;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.pinpolicy.PinMessages;

/**
 * Voicemail PINs over the REST API: one's own PIN (set, pre-check, rules), and an administrator's set and
 * reset for a person. PINs travel only in request bodies and are never echoed, except the generated PIN of a
 * reset, returned once.
 */
@RestController
@Tag(name = "Voicemail PIN")
class PinController {

	private final People people;

	private final PinChange change;

	private final PinReset reset;

	private final PinPolicies policies;

	PinController(People people, PinChange change, PinReset reset, PinPolicies policies) {
		this.people = people;
		this.change = change;
		this.reset = reset;
		this.policies = policies;
	}

	/** Webex {@code VoicemailPin}: {@code passcode}, with an optional {@code confirmPasscode}. */
	record PinRequest(@Nullable String passcode, @Nullable String confirmPasscode) {

		@Override
		public String toString() {
			return "PinRequest[…]";
		}
	}

	record Violation(String code, int errorCode, String description) {
	}

	/**
	 * A pre-check's answer. {@code valid} covers the rules checked here; {@code checkedOnSubmit} names the enabled
	 * rules that need the stored PINs and are answered only by a submit (Voxbox extension).
	 */
	record ValidationResult(boolean valid, List<Violation> violations, List<String> checkedOnSubmit) {

		static ValidationResult of(PinChange.Validation validation, java.util.Locale locale) {
			List<Violation> violations = validation.check().violations().stream()
				.map(rule -> new Violation(rule.name(), rule.errorCode(), PinMessages.violation(rule, validation.policy(), locale)))
				.toList();
			List<String> onSubmit = PinChange.CHECKED_ON_SUBMIT.stream()
				.filter(rule -> validation.policy().isEnabled(rule))
				.map(Enum::name)
				.toList();
			return new ValidationResult(violations.isEmpty(), violations, onSubmit);
		}
	}

	record GeneratedPin(String passcode) {

		@Override
		public String toString() {
			return "GeneratedPin[…]";
		}
	}

	@PutMapping(path = "/v1/telephony/config/people/me/voicemail/pin", consumes = "application/json")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Set one's own voicemail PIN; 400 lists every broken rule, 409 when changed too recently, "
			+ "429 past the hourly submit budget")
	void setMine(@AuthenticationPrincipal Caller caller, @RequestBody PinRequest request) {
		Person me = people.find(caller.personId()).orElseThrow();
		hashing(caller, () -> {
			change.set(actor(caller), me, passcode(caller, request), request.confirmPasscode());
			return null;
		});
	}

	@PostMapping(path = "/v1/telephony/config/people/me/voicemail/pin/actions/validate/invoke", consumes = "application/json",
			produces = "application/json")
	@Operation(summary = "Check a candidate PIN against every rule that needs no stored PIN, without changing anything "
			+ "or counting a submit (Voxbox extension, for live feedback); IN_HISTORY and REVERSE_OF_CURRENT are "
			+ "answered on submit only")
	ValidationResult validate(@AuthenticationPrincipal Caller caller, @RequestBody PinRequest request) {
		Person me = people.find(caller.personId()).orElseThrow();
		PinChange.Validation validation = hashing(caller,
				() -> change.validate(actor(caller), me, passcode(caller, request), request.confirmPasscode()));
		return ValidationResult.of(validation, caller.locale());
	}

	@GetMapping(path = "/v1/telephony/config/people/me/voicemail/rules", produces = "application/json")
	@Operation(summary = "The PIN rules that apply to the caller, with the requirement texts in their language")
	PolicyController.MyRules myRules(@AuthenticationPrincipal Caller caller) {
		return PolicyController.MyRules.of(policies.load(caller.orgId()), caller.locale());
	}

	@PutMapping(path = "/v1/telephony/config/people/{personId}/voicemail/passcode", consumes = "application/json")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Set a person's voicemail PIN (administrator); the person must change it on first use")
	void setForPerson(@AuthenticationPrincipal Caller caller, @PathVariable String personId, @RequestBody PinRequest request) {
		Person person = people.inScope(caller, personId);
		caller.requireAdmin();
		hashing(caller, () -> {
			change.set(actor(caller), person, passcode(caller, request), request.confirmPasscode());
			return null;
		});
	}

	@PostMapping(path = "/v1/people/{personId}/features/voicemail/actions/resetPin/invoke")
	@Operation(summary = "Reset a person's voicemail PIN (administrator): to the organisation default PIN (204), or to "
			+ "a generated PIN returned once (200); the person must change it on first use; unlocks the mailbox")
	ResponseEntity<GeneratedPin> resetPin(@AuthenticationPrincipal Caller caller, @PathVariable String personId) {
		Person person = people.inScope(caller, personId);
		caller.requireAdmin();
		Optional<String> generated = hashing(caller, () -> reset.reset(actor(caller), person));
		return generated.map(pin -> ResponseEntity.ok(new GeneratedPin(pin)))
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	private static PinChange.Actor actor(Caller caller) {
		return new PinChange.Actor(caller.personId(), Channel.API, caller.locale());
	}

	static String passcode(Caller caller, PinRequest request) {
		if (request.passcode() == null) {
			throw PinErrors.invalid(caller.locale(), "error.passcodeRequired");
		}
		return request.passcode();
	}

	/** Runs PIN work, answering 429 when the hashing queue is full. */
	static <T> T hashing(Caller caller, Supplier<T> work) {
		try {
			return work.get();
		}
		catch (PinHasher.HashingBusy busy) {
			throw PinErrors.busy(caller.locale(), 1);
		}
	}
}
