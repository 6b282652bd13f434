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
 * token; the password is checked by {@link PasswordCheck}, throttled per account and per address (429 with
 * {@code Retry-After}) and hashed on the bounded pool (a full one answers 503 with {@code Retry-After}). A password
 * an administrator or the first start set buys no token until its owner has changed it in the portal (403
 * {@code PASSWORD_CHANGE_REQUIRED}, told only to whoever typed it right).
 */
final class TokenAuthentication extends OncePerRequestFilter {

	static final String TOKEN_ISSUE_PATH = "/v1/people/me/tokens";

	private final ApiTokens tokens;

	private final People people;

	private final PasswordCheck passwords;

	private final ApiErrors errors;

	TokenAuthentication(ApiTokens tokens, People people, PasswordCheck passwords, ApiErrors errors) {
		this.tokens = tokens;
		this.people = people;
		this.passwords = passwords;
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
			Optional<SignedIn> signedIn;
			try {
				signedIn = credentials.isEmpty() ? Optional.empty() : signIn(credentials.get(), request.getRemoteAddr());
			}
			catch (SignInThrottle.Throttled throttled) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
				errors.write(ErrorCode.TOO_MANY_REQUESTS, request, response);
				return;
			}
			catch (Passwords.HashingBusy busy) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(Passwords.HashingBusy.RETRY_AFTER_SECONDS));
				errors.write(ErrorCode.UNAVAILABLE, request, response);
				return;
			}
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

	/**
	 * Checks the credentials with {@link PasswordCheck} (unknown accounts cost the same, and count the same): the
	 * person when the password is right, with its must-change flag as read with the hash.
	 *
	 * @throws SignInThrottle.Throttled when the account or the address has used up its attempts
	 * @throws Passwords.HashingBusy when the hashing queue is full
	 */
	private Optional<SignedIn> signIn(Credentials credentials, String address) {
		return passwords.signIn(credentials.email(), credentials.password(), address, Channel.API)
			.map(checked -> new SignedIn(checked.person(), checked.password().mustChange()));
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
