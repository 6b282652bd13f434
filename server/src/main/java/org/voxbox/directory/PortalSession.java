package org.voxbox.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * What a portal session remembers of its sign-in, beside the {@link Caller}: the person's credentials version
 * then, and when it was. Kept as the details of the session's authentication, so the two are saved and dropped
 * together; {@link PortalSessionCheck} compares them with the directory on each request.
 *
 * @param credentialsVersion the person's credentials version the session holds; it ends once the directory's
 * moves on (a password change or reset)
 * @param signedIn when the person signed in; the session ends {@code voxbox.directory.session-lifetime} later
 */
record PortalSession(long credentialsVersion, Instant signedIn) {

	boolean outlived(Instant now, Duration lifetime) {
		return !now.isBefore(signedIn.plus(lifetime));
	}

	/** The authentication a portal request carries for {@code person}, as the directory has them now. */
	Authentication authentication(Person person) {
		var authentication = UsernamePasswordAuthenticationToken.authenticated(
				new Caller(person.id(), person.orgId(), person.role(), person.language()), null,
				List.of(new SimpleGrantedAuthority("ROLE_" + person.role().name())));
		authentication.setDetails(this);
		return authentication;
	}

	/** The portal session of the current request, or null outside one (the API, or nobody signed in). */
	static @Nullable PortalSession current() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		return auth != null && auth.getPrincipal() instanceof Caller && auth.getDetails() instanceof PortalSession session
				? session : null;
	}

	/**
	 * Keeps the current session signed in after its own password change moved the person's credentials to
	 * {@code version}, under a new session id; the person's other sessions end.
	 */
	static void keep(Person person, long version, HttpServletRequest request, HttpServletResponse response) {
		PortalSession session = current();
		if (session == null) {
			throw new IllegalStateException("not a portal session");
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new PortalSession(version, session.signedIn()).authentication(person));
		SecurityContextHolder.setContext(context);
		request.changeSessionId();
		new HttpSessionSecurityContextRepository().saveContext(context, request, response);
	}
}
