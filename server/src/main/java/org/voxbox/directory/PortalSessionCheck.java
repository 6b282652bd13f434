package org.voxbox.directory;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A portal session follows the directory: on every request the signed-in person is read again (one primary-key
 * read), and the request runs with their role and language as they are now, not as they were at sign-in — a
 * demoted administrator is a user on their next request. The session ends, and the browser is sent to
 * {@code /signin?ended}, when the person is gone, when their credentials version moved on since sign-in (a
 * password change or reset; the session making its own change keeps up, see {@link PortalSession#keep}), or when
 * it is older than {@code voxbox.directory.session-lifetime}. A person whose password must be changed is sent to
 * {@code /password} from every page but that one and signing out. Nothing is kept in memory, so this holds across
 * nodes sharing the database.
 */
final class PortalSessionCheck extends OncePerRequestFilter {

	static final String PASSWORD_PAGE = "/password";

	/** Paths that need no person: nothing to check. */
	private static final Set<String> STATIC = Set.of("/portal.css", "/portal.js", "/favicon.ico");

	/** Where a person whose password must be changed may still go. */
	private static final Set<String> WHILE_PASSWORD_MUST_CHANGE = Set.of(PASSWORD_PAGE, "/signout", "/signin", "/error");

	private final People people;

	private final Clock clock;

	private final DirectorySettings settings;

	PortalSessionCheck(People people, Clock clock, DirectorySettings settings) {
		this.people = people;
		this.clock = clock;
		this.settings = settings;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return STATIC.contains(path(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)
				|| !(authentication.getDetails() instanceof PortalSession session)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<People.Standing> standing = people.standing(caller.personId());
		if (standing.isEmpty() || standing.get().credentialsVersion() != session.credentialsVersion()
				|| session.outlived(clock.instant(), settings.sessionLifetime())) {
			end(request);
			response.sendRedirect(request.getContextPath() + "/signin?ended");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(session.authentication(standing.get().person()));
		SecurityContextHolder.setContext(context);
		if (standing.get().mustChangePassword() && !WHILE_PASSWORD_MUST_CHANGE.contains(path(request))) {
			response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
			return;
		}
		chain.doFilter(request, response);
	}

	private static void end(HttpServletRequest request) {
		HttpSession httpSession = request.getSession(false);
		if (httpSession != null) {
			httpSession.invalidate();
		}
		SecurityContextHolder.clearContext();
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}
}
