package org.voxbox.directory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.voxbox.web.ApiErrors;
import org.voxbox.web.ErrorCode;
import org.voxbox.web.WebSettings;

/**
 * Who may call what. Two filter chains: the REST API is stateless (bearer tokens, no session, no cookies, hence
 * no CSRF token); the portal signs in with email and password into a session cookie ({@code HttpOnly},
 * {@code SameSite=Lax}, {@code Secure} when served over TLS) and every form and fetch carries a CSRF token; the
 * session follows the directory on every request ({@link PortalSessionCheck}). Health and the API documentation are
 * open (springdoc's own settings switch the documentation off); Prometheus metrics only from the networks in
 * {@code voxbox.web.metrics-from} (loopback by default, by the client address as Tomcat resolved it) or with an
 * administrator's token.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, People people, PasswordCheck passwords, ApiErrors errors,
			WebSettings web) throws Exception {
		List<IpAddressMatcher> scrapers = web.metricsNetworks().stream().map(IpAddressMatcher::new).toList();
		http.securityMatcher("/v1/**", "/actuator/**", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
				"/swagger-ui/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(b -> b.disable())
			.formLogin(f -> f.disable())
			.logout(l -> l.disable())
			.requestCache(c -> c.disable())
			.authorizeHttpRequests(a -> a
				.requestMatchers("/actuator/prometheus")
				.access((authentication, context) -> new AuthorizationDecision(
						scrapers.stream().anyMatch(network -> network.matches(context.getRequest()))
								|| isAdmin(authentication.get())))
				.requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs.yaml",
						"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterBefore(new TokenAuthentication(tokens, people, passwords, errors),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> unauthenticated(errors, request, response))
				.accessDeniedHandler((request, response, ex) -> errors.write(ErrorCode.FORBIDDEN, request, response)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain portal(HttpSecurity http, People people, PasswordCheck passwords, List<SignInStep> steps,
			Clock clock, DirectorySettings settings) throws Exception {
		http.authenticationProvider(new PortalAuthentication(passwords, clock))
			// After the CSRF check, which needs the session this may end.
			.addFilterAfter(new PortalSessionCheck(people, clock, settings), CsrfFilter.class)
			.authorizeHttpRequests(a -> a
				.requestMatchers("/signin", "/portal.css", "/portal.js", "/favicon.ico", "/error")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(f -> f.loginPage("/signin")
				.loginProcessingUrl("/signin")
				.usernameParameter("email")
				.passwordParameter("password")
				.successHandler((request, response, authentication) -> afterSignIn(steps, request, response, authentication))
				.failureHandler((request, response, ex) -> response.sendRedirect(
						request.getContextPath() + PortalAuthentication.failurePage(ex))))
			.logout(l -> l.logoutUrl("/signout").logoutSuccessUrl("/signin?signedOut"))
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
					"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
							+ "frame-ancestors 'none'; form-action 'self'; base-uri 'none'")));
		return http.build();
	}

	private static boolean isAdmin(@Nullable Authentication authentication) {
		return authentication != null && authentication.getPrincipal() instanceof Caller caller && caller.isAdmin();
	}

	private static void afterSignIn(List<SignInStep> steps, HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		String target = authentication.getPrincipal() instanceof Caller caller ? nextPage(steps, caller) : "/profile";
		response.sendRedirect(request.getContextPath() + target);
	}

	/** Where {@code caller} goes after signing in: the first step that answers, else My profile. */
	static String nextPage(List<SignInStep> steps, Caller caller) {
		for (SignInStep step : steps) {
			var redirect = step.redirectFor(caller);
			if (redirect.isPresent()) {
				return redirect.get();
			}
		}
		return "/profile";
	}

	private static void unauthenticated(ApiErrors errors, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		errors.write(ErrorCode.UNAUTHENTICATED, request, response);
	}

	/** Texts follow the caller's stored language; anonymous requests follow {@code Accept-Language}. */
	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver byHeader = new AcceptHeaderLocaleResolver();
		byHeader.setSupportedLocales(List.of(Locale.ENGLISH, Locale.forLanguageTag("nl")));
		byHeader.setDefaultLocale(Locale.ENGLISH);
		return new LocaleResolver() {
			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				Authentication auth = SecurityContextHolder.getContext().getAuthentication();
				return auth != null && auth.getPrincipal() instanceof Caller caller ? caller.locale()
						: byHeader.resolveLocale(request);
			}

			@Override
			public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
				throw new UnsupportedOperationException("the language is a person's setting");
			}
		};
	}
}
