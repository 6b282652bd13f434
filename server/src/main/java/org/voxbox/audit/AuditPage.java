package org.voxbox.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.voxbox.directory.Caller;
import org.voxbox.directory.People;
import org.voxbox.directory.Person;
import org.voxbox.web.ErrorCode;
import org.voxbox.web.PublicId;
import org.voxbox.web.Texts;

/**
 * The administrator's audit view: the organisation's events, newest first, paged, filtered by type, actor and
 * target (person ids, as the API's; the names in the table link to their filters).
 */
@Controller
class AuditPage {

	static final int PAGE_SIZE = 50;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	private final AuditTrail trail;

	private final People people;

	AuditPage(AuditTrail trail, People people) {
		this.trail = trail;
		this.people = people;
	}

	/**
	 * An event as the table shows it; a null name is a deleted person (or the system, for the actor). {@code change}
	 * is what a transfer number or the transfer policy was and became, or null.
	 */
	record Row(String type, String when, String event, String channel, @Nullable String person, @Nullable String actor,
			@Nullable String change, @Nullable String personId, @Nullable String actorId, @Nullable String source) {
	}

	/** An event type for the filter's choice. */
	record TypeOption(String name, String description) {
	}

	@GetMapping("/admin/audit")
	String show(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "") String eventType, @RequestParam(defaultValue = "") String actorId,
			@RequestParam(defaultValue = "") String targetId, Model model) {
		caller.requireAdminPage();
		int p = Math.max(0, page);
		if (p > Integer.MAX_VALUE / PAGE_SIZE - 1) {
			throw ErrorCode.BAD_REQUEST.exception(Texts.get("audit", "error.paging", caller.locale()));
		}
		AuditTrail.Filter filter = AuditController.filter(eventType, actorId, targetId)
			.orElseThrow(() -> ErrorCode.INVALID_FIELD.exception(Texts.get("audit", "error.filter", caller.locale())));
		List<AuditTrail.Entry> entries = trail.page(caller.orgId(), filter, Instant.EPOCH, Instant.now().plusSeconds(60),
				p * PAGE_SIZE, PAGE_SIZE + 1);
		Map<UUID, String> names = new HashMap<>();
		model.addAttribute("events", entries.stream().limit(PAGE_SIZE).map(e -> new Row(e.type().name(),
				WHEN.format(e.occurred()), Texts.get("audit", "event." + e.type().name(), caller.locale()), e.channel().name(),
				name(e.subjectId(), names), name(e.actorId(), names), change(e), publicId(e.subjectId()),
				publicId(e.actorId()), e.sourceAddress())).toList());
		model.addAttribute("types", Arrays.stream(AuditTrail.Type.values())
			.map(t -> new TypeOption(t.name(), Texts.get("audit", "event." + t.name(), caller.locale())))
			.toList());
		model.addAttribute("eventType", filter.type() == null ? "" : filter.type().name());
		model.addAttribute("actorId", filter.actorId() == null ? "" : actorId.strip());
		model.addAttribute("targetId", filter.subjectId() == null ? "" : targetId.strip());
		model.addAttribute("page", p);
		model.addAttribute("hasNext", entries.size() > PAGE_SIZE);
		return "audit/audit";
	}

	private static @Nullable String publicId(@Nullable UUID id) {
		return id == null ? null : PublicId.PEOPLE.encode(id);
	}

	private static @Nullable String change(AuditTrail.Entry e) {
		if (e.oldValue() == null && e.newValue() == null) {
			return null;
		}
		return (e.oldValue() == null ? "–" : e.oldValue()) + " → " + (e.newValue() == null ? "–" : e.newValue());
	}

	private @Nullable String name(@Nullable UUID id, Map<UUID, String> names) {
		if (id == null) {
			return null;
		}
		return names.computeIfAbsent(id, k -> people.find(k).map(Person::displayName).orElse(""));
	}
}
