package org.voxbox.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
 * {@code GET /v1/adminAudit/events}: the organisation's events, newest first, filtered by type, actor and target
 * and paged with {@code max}/{@code start} and a {@code Link: rel="next"} header (administrator).
 */
@RestController
@Tag(name = "Audit")
class AuditController {

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	/**
	 * The Webex event fields, and (Voxbox extensions) what a transfer number, greeting, role or policy was and
	 * became ({@code oldValue}, {@code newValue}) and the client address of a sign-in ({@code sourceAddress}); each
	 * absent for other events and for no value.
	 */
	record EventData(String eventCategory, String eventType, String eventDescription, String channel,
			@Nullable String targetId, @Nullable String oldValue, @Nullable String newValue,
			@Nullable String sourceAddress) {
	}

	record Event(String id, String actorOrgId, @Nullable String actorId, Instant created, EventData data) {
	}

	record EventList(List<Event> items) {
	}

	@GetMapping(path = "/v1/adminAudit/events", produces = "application/json")
	@Operation(summary = "Audit events: what, who, through which channel, when; changes with old and new value, sign-ins with the client address; filter by eventType, actorId, targetId")
	ResponseEntity<EventList> events(@AuthenticationPrincipal Caller caller,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String eventType,
			@RequestParam(required = false) @Nullable String actorId,
			@RequestParam(required = false) @Nullable String targetId,
			@RequestParam(defaultValue = "100") int max, @RequestParam(defaultValue = "0") int start) {
		caller.requireAdmin();
		AuditTrail.Filter filter = filter(eventType, actorId, targetId)
			.orElseThrow(() -> ErrorCode.INVALID_FIELD.exception(Texts.get("audit", "error.filter", caller.locale())));
		Instant fromTime;
		Instant toTime;
		try {
			fromTime = from == null ? Instant.EPOCH : Instant.parse(from);
			toTime = to == null ? Instant.now().plusSeconds(60) : Instant.parse(to);
		}
		catch (DateTimeParseException ex) {
			throw ErrorCode.BAD_REQUEST.exception(Texts.get("audit", "error.time", caller.locale()));
		}
		// start + max must still be an int: it is the next page's start.
		if (max < 1 || max > 1000 || start < 0 || start > Integer.MAX_VALUE - max) {
			throw ErrorCode.BAD_REQUEST.exception(Texts.get("audit", "error.paging", caller.locale()));
		}
		List<AuditTrail.Entry> page = trail.page(caller.orgId(), filter, fromTime, toTime, start, max + 1);
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
							e.oldValue(), e.newValue(), e.sourceAddress())))
			.toList()));
	}

	/** The filter these parameters describe (blank ones match all), or empty when one is not a type or person id. */
	static Optional<AuditTrail.Filter> filter(@Nullable String eventType, @Nullable String actorId,
			@Nullable String targetId) {
		AuditTrail.Type type = null;
		if (eventType != null && !eventType.isBlank()) {
			try {
				type = AuditTrail.Type.valueOf(eventType.strip());
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}
		UUID actor = null;
		if (actorId != null && !actorId.isBlank()) {
			actor = PublicId.PEOPLE.decode(actorId.strip()).orElse(null);
			if (actor == null) {
				return Optional.empty();
			}
		}
		UUID target = null;
		if (targetId != null && !targetId.isBlank()) {
			target = PublicId.PEOPLE.decode(targetId.strip()).orElse(null);
			if (target == null) {
				return Optional.empty();
			}
		}
		return Optional.of(new AuditTrail.Filter(type, actor, target));
	}
}
