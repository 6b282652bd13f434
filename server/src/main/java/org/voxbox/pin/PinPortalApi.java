package org.voxbox.pin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

	@PostMapping(path = "/profile/pin/validate", consumes = "application/json", produces = "application/json")
	PinController.ValidationResult validate(@AuthenticationPrincipal Caller caller,
			@RequestBody PinController.PinRequest form) {
		Person me = people.find(caller.personId()).orElseThrow();
		return PinController.ValidationResult.of(PinController.hashing(caller,
				() -> change.validate(actor(caller), me, PinController.passcode(caller, form), form.confirmPasscode())),
				caller.locale());
	}

	@PostMapping(path = "/profile/pin", consumes = "application/json")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void set(@AuthenticationPrincipal Caller caller, @RequestBody PinController.PinRequest form, HttpServletRequest request,
			HttpServletResponse response) {
		Person me = people.find(caller.personId()).orElseThrow();
		PinController.hashing(caller, () -> {
			change.set(actor(caller), me, PinController.passcode(caller, form), form.confirmPasscode());
			return null;
		});
		// The page the dialog goes back to confirms the change, once.
		FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
		flash.put("pinChanged", true);
		flash.setTargetRequestPath("/profile");
		RequestContextUtils.saveOutputFlashMap("/profile", request, response);
	}

	private static PinChange.Actor actor(Caller caller) {
		return new PinChange.Actor(caller.personId(), Channel.PORTAL, caller.locale());
	}
}
