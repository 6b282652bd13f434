package org.voxbox.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.voxbox.web.Texts;

/**
 * The administrator's audit view: PIN, voicemail, transfer and credential events of the organisation, newest first,
 * paged.
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
			@Nullable String change) {
	}

	@GetMapping("/admin/audit")
	String show(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "0") int page, Model model) {
		caller.requireAdminPage();
		int p = Math.max(0, page);
		List<AuditTrail.Entry> entries = trail.page(caller.orgId(), Instant.EPOCH, Instant.now().plusSeconds(60),
				p * PAGE_SIZE, PAGE_SIZE + 1);
		Map<UUID, String> names = new HashMap<>();
		model.addAttribute("events", entries.stream().limit(PAGE_SIZE).map(e -> new Row(e.type().name(),
				WHEN.format(e.occurred()), Texts.get("audit", "event." + e.type().name(), caller.locale()), e.channel().name(),
				name(e.subjectId(), names), name(e.actorId(), names), change(e))).toList());
		model.addAttribute("page", p);
		model.addAttribute("hasNext", entries.size() > PAGE_SIZE);
		return "audit/audit";
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
