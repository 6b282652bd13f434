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
 * show only names and dates. {@code POST /v1/people/me/tokens} also accepts HTTP Basic with email and
 * password, to turn the first administrator's password into a token.
 */
@RestController
@Tag(name = "Access tokens")
class TokenController {

	private final ApiTokens tokens;

	private final People people;

	TokenController(ApiTokens tokens, People people) {
		this.tokens = tokens;
		this.people = people;
	}

	record TokenRequest(@Nullable String name) {
	}

	record TokenResource(String id, String name, Instant created, @Nullable Instant lastUsed, @Nullable String token) {

		static TokenResource of(ApiTokens.Token t, @Nullable String secret) {
			return new TokenResource(PublicId.TOKEN.encode(t.id()), t.name(), t.created(), t.lastUsed(), secret);
		}
	}

	record TokenList(List<TokenResource> items) {
	}

	@PostMapping(path = "/v1/people/me/tokens", consumes = "application/json", produces = "application/json")
	@Operation(summary = "Create a personal access token for oneself; the secret is shown only in this response")
	TokenResource createMine(@AuthenticationPrincipal Caller caller, @RequestBody TokenRequest request) {
		return issue(caller, caller.personId(), request);
	}

	@PostMapping(path = "/v1/people/{personId}/tokens", consumes = "application/json", produces = "application/json")
	@Operation(summary = "Create a personal access token for a person of one's organisation (administrator)")
	TokenResource create(@AuthenticationPrincipal Caller caller, @PathVariable String personId,
			@RequestBody TokenRequest request) {
		caller.requireAdmin();
		return issue(caller, people.inScope(caller, personId).id(), request);
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

	private TokenResource issue(Caller caller, UUID personId, TokenRequest request) {
		String name = request.name() == null ? "" : request.name().strip();
		if (!ApiTokens.acceptableName(name)) {
			throw DirectoryErrors.invalid("error.tokenName", caller.locale());
		}
		ApiTokens.Issued issued = tokens.issue(personId, name);
		return TokenResource.of(issued.token(), issued.secret());
	}
}
