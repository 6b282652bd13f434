package org.voxbox.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.voxbox.web.PublicId;

/**
 * Personal access tokens (a Voxbox extension). The secret is returned once, when the token is created; lists
 * show only names, dates and who issued a token for its owner. {@code POST /v1/people/me/tokens} also accepts HTTP
 * Basic with email and password (not a temporary one), to turn a person's password into a token. Administrators
 * issue tokens for the people of their organisation and revoke them all; both are audited.
 */
@RestController
@Tag(name = "Access tokens")
class TokenController {

	private final ApiTokens tokens;

	private final People people;

	private final TokenAdministration administration;

	TokenController(ApiTokens tokens, People people, TokenAdministration administration) {
		this.tokens = tokens;
		this.people = people;
		this.administration = administration;
	}

	record TokenRequest(@Nullable String name) {
	}

	/** A token; {@code issuedBy} is the administrator who issued it for its owner, absent when they did. */
	record TokenResource(String id, String name, Instant created, @Nullable Instant lastUsed, @Nullable String issuedBy,
			@Nullable String token) {

		static TokenResource of(ApiTokens.Token t, @Nullable String secret) {
			return new TokenResource(PublicId.TOKEN.encode(t.id()), t.name(), t.created(), t.lastUsed(),
					t.issuedBy() == null ? null : PublicId.PEOPLE.encode(t.issuedBy()), secret);
		}
	}

	record TokenList(List<TokenResource> items) {
	}

	@PostMapping(path = "/v1/people/me/tokens", consumes = "application/json", produces = "application/json")
	@Operation(summary = "Create a personal access token for oneself; the secret is shown only in this response")
	TokenResource createMine(@AuthenticationPrincipal Caller caller, @RequestBody TokenRequest request) {
		ApiTokens.Issued issued = tokens.issue(caller.personId(), name(caller, request));
		return TokenResource.of(issued.token(), issued.secret());
	}

	@PostMapping(path = "/v1/people/{personId}/tokens", consumes = "application/json", produces = "application/json")
	@Operation(summary = "Create a personal access token for a person of one's organisation (administrator; audited, "
			+ "and the person sees who issued it)")
	TokenResource create(@AuthenticationPrincipal Caller caller, @PathVariable String personId,
			@RequestBody TokenRequest request) {
		caller.requireAdmin();
		Person person = people.inScope(caller, personId);
		ApiTokens.Issued issued = administration.issue(caller, person, name(caller, request), Channel.API);
		return TokenResource.of(issued.token(), issued.secret());
	}

	@GetMapping(path = "/v1/people/{personId}/tokens", produces = "application/json")
	@Operation(summary = "List a person's tokens, never their secrets (administrator; a person for themselves)")
	TokenList listOf(@AuthenticationPrincipal Caller caller, @PathVariable String personId) {
		Person person = people.inScope(caller, personId);
		return new TokenList(tokens.list(person.id()).stream().map(t -> TokenResource.of(t, null)).toList());
	}

	@DeleteMapping("/v1/people/{personId}/tokens")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke every token of a person of one's organisation (administrator; audited)")
	void revokeAll(@AuthenticationPrincipal Caller caller, @PathVariable String personId) {
		caller.requireAdmin();
		administration.revokeAll(caller, people.inScope(caller, personId), Channel.API);
	}

	@GetMapping(path = "/v1/people/me/tokens", produces = "application/json")
	@Operation(summary = "List one's tokens (never their secrets)")
	TokenList list(@AuthenticationPrincipal Caller caller) {
		return new TokenList(tokens.list(caller.personId()).stream().map(t -> TokenResource.of(t, null)).toList());
	}

	@DeleteMapping("/v1/people/me/tokens/{tokenId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Revoke one of one's tokens")
	void revoke(@AuthenticationPrincipal Caller caller, @PathVariable String tokenId) {
		UUID id = PublicId.TOKEN.decode(tokenId).orElse(null);
		if (id == null || !tokens.revoke(caller.personId(), id)) {
			throw org.voxbox.web.ErrorCode.NOT_FOUND.exception(DirectoryErrors.text("error.tokenNotFound", caller.locale()));
		}
	}

	private static String name(Caller caller, TokenRequest request) {
		String name = request.name() == null ? "" : Names.normalise(request.name());
		if (!ApiTokens.acceptableName(name)) {
			throw DirectoryErrors.invalid("error.tokenName", caller.locale());
		}
		return name;
	}
}
