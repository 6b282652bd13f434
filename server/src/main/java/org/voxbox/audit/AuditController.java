package org.voxbox.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.voxbox.directory.Caller;
import org.voxbox.web.ErrorCode;
import org.voxbox.web.PublicId;
import org.voxbox.web.Texts;

/**
 * {@code GET /v1/adminAudit/events}: the organisation's PIN, voicemail, transfer and credential events, newest
 * first (administrator).
 */
@RestController
@Tag(name = "Audit")
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	/**
	 * The Webex event fields, and (Voxbox extensions) what a transfer number or the transfer policy was and became
	 * ({@code oldValue}, {@code newValue}; absent for other events and for no value).
	 */
	record EventData(String eventCategory, String eventType, String eventDescription, String channel,
			@Nullable String targetId, @Nullable String oldValue, @Nullable String newValue) {
	}

	record Event(String id, String actorOrgId, @Nullable String actorId, Instant created, EventData data) {
	}

	record EventList(List<Event> items) {
	}

	@GetMapping(path = "/v1/adminAudit/events", produces = "application/json")
	@Operation(summary = "PIN, voicemail and transfer events: what, who, through which channel, when; transfer changes with old and new value")
	ResponseEntity<EventList> events(@AuthenticationPrincipal Caller caller,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "100") int max, @RequestParam(defaultValue = "0") int start) {
		caller.requireAdmin();
		Instant fromTime;
		Instant toTime;
		try {
			fromTime = from == null ? Instant.EPOCH : Instant.parse(from);
			toTime = to == null ? Instant.now().plusSeconds(60) : Instant.parse(to);
		}
		catch (DateTimeParseException ex) {
			throw ErrorCode.BAD_REQUEST.exception(Texts.get("audit", "error.time", caller.locale()));
		}
		if (max < 1 || max > 1000 || start < 0) {
			throw ErrorCode.BAD_REQUEST.exception(Texts.get("audit", "error.paging", caller.locale()));
		}
		List<AuditTrail.Entry> page = trail.page(caller.orgId(), fromTime, toTime, start, max + 1);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.size() > max) {
			response.header(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("start", start + max)
				.replaceQueryParam("max", max)
				.toUriString() + ">; rel=\"next\"");
			page = page.subList(0, max);
		}
		return response.body(new EventList(page.stream()
			.map(e -> new Event(PublicId.AUDIT_EVENT.encode(e.id()), PublicId.ORGANIZATION.encode(e.orgId()),
					e.actorId() == null ? null : PublicId.PEOPLE.encode(e.actorId()), e.occurred(),
					new EventData(e.type().category(), e.type().name(), Texts.get("audit", "event." + e.type().name(), caller.locale()),
							e.channel().name(), e.subjectId() == null ? null : PublicId.PEOPLE.encode(e.subjectId()),
							e.oldValue(), e.newValue())))
			.toList()));
	}
}
