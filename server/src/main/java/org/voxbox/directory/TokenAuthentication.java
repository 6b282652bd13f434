package org.voxbox.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.voxbox.web.ApiErrors;
import org.voxbox.web.ErrorCode;

/**
 * Turns {@code Authorization: Bearer <token>} into a {@link Caller}. HTTP Basic (email and password) is
 * accepted on one endpoint only, the one that issues a token, so a person's password can be exchanged for a
 * token; failed passwords are throttled per account. A password an administrator or the first start set buys no
 * token until its owner has changed it in the portal (403 {@code PASSWORD_CHANGE_REQUIRED}, told only to whoever
 * typed it right).
 */
final class TokenAuthentication extends OncePerRequestFilter {

	static final String TOKEN_ISSUE_PATH = "/v1/people/me/tokens";

	private final ApiTokens tokens;

	private final People people;

	private final Passwords passwords;

	private final SignInThrottle throttle;

	private final ApiErrors errors;

	TokenAuthentication(ApiTokens tokens, People people, Passwords passwords, SignInThrottle throttle, ApiErrors errors) {
		this.tokens = tokens;
		this.people = people;
		this.passwords = passwords;
		this.throttle = throttle;
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Person> person;
		if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			person = tokens.authenticate(header.substring(7).strip()).flatMap(people::find);
		}
		else if (header.regionMatches(true, 0, "Basic ", 0, 6) && isTokenIssue(request)) {
			Optional<Credentials> credentials = Credentials.parse(header.substring(6).strip());
			if (credentials.isPresent() && !throttle.allows(credentials.get().email())) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttle.retryAfterSeconds(credentials.get().email())));
				errors.write(ErrorCode.TOO_MANY_REQUESTS, request, response);
				return;
			}
			Optional<SignedIn> signedIn = credentials.flatMap(this::signIn);
			credentials.ifPresent(c -> throttle.record(c.email(), signedIn.isPresent()));
			if (signedIn.isPresent() && signedIn.get().mustChangePassword()) {
				errors.write(ErrorCode.PASSWORD_CHANGE_REQUIRED, request, response);
				return;
			}
			person = signedIn.map(SignedIn::person);
		}
		else {
			person = Optional.empty();
		}
		if (person.isEmpty()) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			errors.write(ErrorCode.UNAUTHENTICATED, request, response);
			return;
		}
		Person p = person.get();
		Caller caller = new Caller(p.id(), p.orgId(), p.role(), p.language());
		var authentication = new UsernamePasswordAuthenticationToken(caller, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + p.role().name())));
		SecurityContextHolder.getContext().setAuthentication(authentication);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static boolean isTokenIssue(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && TOKEN_ISSUE_PATH.equals(request.getRequestURI());
	}

	/** A person who gave their right password, and whether it is one they must change first. */
	private record SignedIn(Person person, boolean mustChangePassword) {
	}

	private Optional<SignedIn> signIn(Credentials credentials) {
		Optional<Person> person = people.findByEmail(credentials.email());
		Optional<People.StoredPassword> stored = person.flatMap(p -> people.password(p.id()));
		if (stored.isEmpty()) {
			// Spend the same time as a real check, so unknown accounts cannot be told apart by timing.
			passwords.matches(credentials.password(), Passwords.DUMMY_HASH);
			return Optional.empty();
		}
		return passwords.matches(credentials.password(), stored.get().hash())
				? Optional.of(new SignedIn(person.get(), stored.get().mustChange())) : Optional.empty();
	}

	private record Credentials(String email, String password) {

		static Optional<Credentials> parse(String base64) {
			try {
				String decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon <= 0 || decoded.length() > 512) {
					return Optional.empty();
				}
				return Optional.of(new Credentials(decoded.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
						decoded.substring(colon + 1)));
			}
			catch (IllegalArgumentException ex) {
				return Optional.empty();
			}
		}

		@Override
		public String toString() {
			return "Credentials[" + email + "]";
		}
	}

}
