package org.voxbox.directory;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.voxbox.web.PublicId;

/** My API tokens: create one (its secret shown once), revoke, and see which an administrator issued for me. */
@Controller
class TokensPage {

	private final ApiTokens tokens;

	private final People people;

	TokensPage(ApiTokens tokens, People people) {
		this.tokens = tokens;
		this.people = people;
	}

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	/**
	 * A token in the list, with its public id for the revoke form and its times as shown.
	 *
	 * @param issuedBy null when the owner issued it; else the name of the administrator who did, empty when they are
	 * no longer in the directory
	 */
	record Row(String id, String name, String created, @Nullable String lastUsed, @Nullable String issuedBy) {
	}

	/** The rows of {@code list}, each issuer's name read once. */
	static List<Row> rows(List<ApiTokens.Token> list, People people) {
		Map<UUID, String> names = new HashMap<>();
		return list.stream().map(t -> new Row(PublicId.TOKEN.encode(t.id()), t.name(), WHEN.format(t.created()),
				t.lastUsed() == null ? null : WHEN.format(t.lastUsed()),
				t.issuedBy() == null ? null
						: names.computeIfAbsent(t.issuedBy(), id -> people.find(id).map(Person::displayName).orElse(""))))
			.toList();
	}

	@GetMapping("/tokens")
	String list(@AuthenticationPrincipal Caller caller, Model model) {
		model.addAttribute("tokens", rows(tokens.list(caller.personId()), people));
		return "directory/tokens";
	}

	@PostMapping("/tokens")
	String create(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "") String name,
			RedirectAttributes redirect) {
		String trimmed = Names.normalise(name);
		if (!ApiTokens.acceptableName(trimmed)) {
			redirect.addFlashAttribute("error", DirectoryErrors.text("error.tokenName", caller.locale()));
			return "redirect:/tokens";
		}
		redirect.addFlashAttribute("secret", tokens.issue(caller.personId(), trimmed).secret());
		return "redirect:/tokens";
	}

	@PostMapping("/tokens/{tokenId}/revoke")
	String revoke(@AuthenticationPrincipal Caller caller, @PathVariable String tokenId) {
		UUID id = PublicId.TOKEN.decode(tokenId).orElse(null);
		if (id == null || !tokens.revoke(caller.personId(), id)) {
			throw org.voxbox.web.ErrorCode.NOT_FOUND.exception(DirectoryErrors.text("error.tokenNotFound", caller.locale()));
		}
		return "redirect:/tokens";
	}
}
