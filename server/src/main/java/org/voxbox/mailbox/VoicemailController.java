package org.voxbox.mailbox;

import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
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
import org.voxbox.web.ErrorCode;
import org.voxbox.web.Texts;

/**
 * A person's voicemail settings, at the Webex paths: {@code enabled}, {@code transferToNumber}, and which
 * greeting busy and unanswered callers hear ({@code sendBusyCalls} / {@code sendUnansweredCalls} with only
 * {@code greeting} and the read-only {@code greetingUploaded}: forwarding itself is the PBX's). The other Webex
 * fields arrive with the behaviour behind them.
 */
@RestController
@Tag(name = "Voicemail settings")
class VoicemailController {

	private final Mailboxes mailboxes;

	private final People people;

	private final ApplicationEventPublisher events;

	private final Greetings greetings;

	private final TransferDestinations destinations;

	VoicemailController(Mailboxes mailboxes, People people, Greetings greetings, TransferDestinations destinations,
			ApplicationEventPublisher events) {
		this.mailboxes = mailboxes;
		this.greetings = greetings;
		this.people = people;
		this.destinations = destinations;
		this.events = events;
	}

	/**
	 * Webex {@code transferToNumber}: pressing 0 while leaving a message transfers the caller there, if the
	 * organisation's transfer policy allows it; an empty {@code destination} clears it.
	 */
	record TransferToNumber(@Nullable Boolean enabled, @Nullable String destination) {
	}

	/**
	 * Webex {@code sendBusyCalls} / {@code sendUnansweredCalls}, as far as Voxbox plays a part: {@code DEFAULT}
	 * (the system greeting) or {@code CUSTOM} (the owner's recording; {@code greetingUploaded} says one exists).
	 */
	record SendCalls(@Nullable String greeting, @Nullable Boolean greetingUploaded) {
	}

	record VoicemailSettings(boolean enabled, SendCalls sendBusyCalls, SendCalls sendUnansweredCalls,
			TransferToNumber transferToNumber) {
	}

	record VoicemailUpdate(@Nullable Boolean enabled, @Nullable SendCalls sendBusyCalls,
			@Nullable SendCalls sendUnansweredCalls, @Nullable TransferToNumber transferToNumber) {
	}

	@GetMapping(path = "/v1/people/{personId}/features/voicemail", produces = "application/json")
	@Operation(summary = "A person's voicemail settings")
	VoicemailSettings get(@AuthenticationPrincipal Caller caller, @PathVariable String personId) {
		return settings(people.inScope(caller, personId));
	}

	@PutMapping(path = "/v1/people/{personId}/features/voicemail", consumes = "application/json")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	@Operation(summary = "Change a person's voicemail settings; only an administrator switches voicemail on or off")
	void put(@AuthenticationPrincipal Caller caller, @PathVariable String personId, @RequestBody VoicemailUpdate update) {
		update(caller, people.inScope(caller, personId), update);
	}

	@PostMapping(path = "/v1/people/{personId}/features/voicemail")
	@Operation(summary = "Refused with 409: every person has exactly one mailbox, created with the person")
	void create(@AuthenticationPrincipal Caller caller, @PathVariable String personId) {
		Person person = people.inScope(caller, personId);
		caller.requireAdmin();
		try {
			mailboxes.create(person.id());
		}
		catch (Mailboxes.MailboxExists ex) {
			throw ErrorCode.CONFLICT.exception(Texts.get("mailbox", "error.mailboxExists", caller.locale()));
		}
	}

	@GetMapping(path = "/v1/telephony/config/people/me/settings/voicemail", produces = "application/json")
	@Operation(summary = "The caller's own voicemail settings")
	VoicemailSettings mine(@AuthenticationPrincipal Caller caller) {
		return settings(people.find(caller.personId()).orElseThrow());
	}

	@PutMapping(path = "/v1/telephony/config/people/me/settings/voicemail", consumes = "application/json")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	@Operation(summary = "Change the caller's own voicemail settings")
	void putMine(@AuthenticationPrincipal Caller caller, @RequestBody VoicemailUpdate update) {
		update(caller, people.find(caller.personId()).orElseThrow(), update);
	}

	private VoicemailSettings settings(Person person) {
		Mailboxes.Mailbox mailbox = mailboxes.find(person.id()).orElseThrow();
		return new VoicemailSettings(mailbox.enabled(), sendCalls(person, Greetings.Kind.BUSY),
				sendCalls(person, Greetings.Kind.NO_ANSWER),
				new TransferToNumber(mailbox.transferEnabled(), mailbox.transferNumber()));
	}

	private SendCalls sendCalls(Person person, Greetings.Kind kind) {
		return new SendCalls(greetings.usesCustom(person.id(), kind) ? "CUSTOM" : "DEFAULT",
				greetings.recorded(person.id(), kind).isPresent());
	}

	/**
	 * Switches between the system greeting and the recorded one, announced for the audit trail;
	 * {@code greetingUploaded} is read-only.
	 */
	private void choose(Caller caller, Person person, Greetings.Kind kind, @Nullable SendCalls update) {
		if (update == null || update.greeting() == null) {
			return;
		}
		boolean wasCustom = greetings.usesCustom(person.id(), kind);
		switch (update.greeting()) {
			case "DEFAULT" -> greetings.useSystemGreeting(person.id(), kind);
			case "CUSTOM" -> {
				if (!greetings.useCustom(person.id(), kind)) {
					throw ErrorCode.INVALID_FIELD.exception(Texts.get("mailbox", "error.greeting", caller.locale()));
				}
			}
			default -> throw ErrorCode.INVALID_FIELD.exception(Texts.get("mailbox", "error.greeting", caller.locale()));
		}
		if (wasCustom != update.greeting().equals("CUSTOM")) {
			events.publishEvent(new GreetingChosen(person.id(), person.orgId(), caller.personId(), Channel.API,
					kind == Greetings.Kind.BUSY ? "sendBusyCalls" : "sendUnansweredCalls", wasCustom ? "CUSTOM" : "DEFAULT",
					update.greeting()));
		}
	}

	/**
	 * Sets, changes or clears ({@code ""}) the destination and switches transfer on or off. A destination sent, and
	 * the stored one when transfer is switched on, must pass the organisation's transfer policy; a change is
	 * announced for the audit trail.
	 *
	 * @throws TransferRefused when the policy refuses the destination
	 */
	private void changeTransfer(Caller caller, Person person, TransferToNumber transfer) {
		Mailboxes.Mailbox mailbox = mailboxes.find(person.id()).orElseThrow();
		boolean enabled = transfer.enabled() == null ? mailbox.transferEnabled() : transfer.enabled();
		String destination = mailbox.transferNumber();
		if (transfer.destination() != null) {
			String sent = transfer.destination().strip();
			destination = sent.isEmpty() ? null : sent;
		}
		if (destination != null && destination.indexOf('*') < 0 && destination.indexOf('#') < 0
				&& !TransferRules.DESTINATION.matcher(destination).matches()) {
			throw ErrorCode.INVALID_FIELD.exception(Texts.get("mailbox", "error.transferNumber", caller.locale()));
		}
		if (enabled && destination == null) {
			throw ErrorCode.INVALID_FIELD.exception(Texts.get("mailbox", "error.transferNumber", caller.locale()));
		}
		boolean switchedOn = enabled && !mailbox.transferEnabled();
		if (destination != null && (transfer.destination() != null || switchedOn)) {
			destinations.require(person.orgId(), destination, caller.locale());
		}
		if (enabled == mailbox.transferEnabled() && Objects.equals(destination, mailbox.transferNumber())) {
			return;
		}
		mailboxes.setTransfer(person.id(), enabled, destination);
		events.publishEvent(new TransferNumberChanged(person.id(), person.orgId(), caller.personId(), Channel.API,
				mailbox.transferEnabled(), mailbox.transferNumber(), enabled, destination));
	}

	private void update(Caller caller, Person person, VoicemailUpdate update) {
		choose(caller, person, Greetings.Kind.BUSY, update.sendBusyCalls());
		choose(caller, person, Greetings.Kind.NO_ANSWER, update.sendUnansweredCalls());
		TransferToNumber transfer = update.transferToNumber();
		if (transfer != null) {
			changeTransfer(caller, person, transfer);
		}
		if (update.enabled() == null) {
			return;
		}
		boolean now = mailboxes.isEnabled(person.id());
		if (now == update.enabled()) {
			return;
		}
		if (!caller.isAdmin()) {
			throw ErrorCode.FORBIDDEN.exception(Texts.get("mailbox", "error.enableByAdmin", caller.locale()));
		}
		mailboxes.setEnabled(person.id(), update.enabled());
		events.publishEvent(update.enabled()
				? new VoicemailEnabled(person.id(), person.orgId(), caller.personId(), Channel.API)
				: new VoicemailDisabled(person.id(), person.orgId(), caller.personId(), Channel.API));
	}
}
