package org.voxbox.pin;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.pinpolicy.PinMessages;

/**
 * The dialog's calls from the portal page (session cookie and CSRF header): the live check while typing and the
 * submit. They answer like the REST API ({@code {valid, violations}}, 204, or the Webex error shape).
 */
@RestController
class PinPortalApi {

	private final People people;

	private final PinChange change;

	PinPortalApi(People people, PinChange change) {
		this.people = people;
		this.change = change;
	}

	record PinForm(@Nullable String passcode, @Nullable String confirmPasscode) {

		@Override
		public String toString() {
			return "PinForm[…]";
		}
	}

	record Violation(String code, int errorCode, String description) {
	}

	record ValidationResult(boolean valid, List<Violation> violations) {
	}

	@PostMapping(path = "/profile/pin/validate", consumes = "application/json", produces = "application/json")
	ValidationResult validate(@AuthenticationPrincipal Caller caller, @RequestBody PinForm form) {
		Person me = people.find(caller.personId()).orElseThrow();
		try {
			PinChange.Validation v = change.validate(actor(caller), me, passcode(caller, form), form.confirmPasscode());
			List<Violation> violations = v.check().violations().stream()
				.map(rule -> new Violation(rule.name(), rule.errorCode(), PinMessages.violation(rule, v.policy(), caller.locale())))
				.toList();
			return new ValidationResult(violations.isEmpty(), violations);
		}
		catch (PinHasher.HashingBusy busy) {
			throw PinErrors.busy(caller.locale(), 1);
		}
	}

	@PostMapping(path = "/profile/pin", consumes = "application/json")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void set(@AuthenticationPrincipal Caller caller, @RequestBody PinForm form, HttpServletRequest request,
			HttpServletResponse response) {
		Person me = people.find(caller.personId()).orElseThrow();
		try {
			change.set(actor(caller), me, passcode(caller, form), form.confirmPasscode());
		}
		catch (PinHasher.HashingBusy busy) {
			throw PinErrors.busy(caller.locale(), 1);
		}
		// The page the dialog goes back to confirms the change, once.
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put("pinChanged", true);
		flash.setTargetRequestPath("/profile");
		RequestContextUtils.saveOutputFlashMap("/profile", request, response);
	}

	private static PinChange.Actor actor(Caller caller) {
		return new PinChange.Actor(caller.personId(), Channel.PORTAL, caller.locale());
	}

	private static String passcode(Caller caller, PinForm form) {
		if (form.passcode() == null) {
			throw PinErrors.invalid(caller.locale(), "error.passcodeRequired");
		}
		return form.passcode();
	}
}
