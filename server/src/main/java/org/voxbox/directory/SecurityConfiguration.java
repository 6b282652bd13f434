package org.voxbox.directory;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.voxbox.web.ApiErrors;
import org.voxbox.web.ErrorCode;

/**
 * Who may call what. The REST API is stateless: bearer tokens, no session, no cookies, hence no CSRF token.
 * Health, metrics for scraping, and the API documentation are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, People people, Passwords passwords, SignInThrottle throttle,
			ApiErrors errors) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(b -> b.disable())
			.formLogin(f -> f.disable())
			.logout(l -> l.disable())
			.requestCache(c -> c.disable())
			.authorizeHttpRequests(a -> a
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs",
						"/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error")
				.permitAll()
				.anyRequest()
				.authenticated())
			.addFilterBefore(new TokenAuthentication(tokens, people, passwords, throttle, errors),
					AnonymousAuthenticationFilter.class)
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> unauthenticated(errors, request, response))
				.accessDeniedHandler((request, response, ex) -> errors.write(ErrorCode.FORBIDDEN, request, response)));
		return http.build();
	}

	private static void unauthenticated(ApiErrors errors, HttpServletRequest request, HttpServletResponse response)
			throws java.io.IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		errors.write(ErrorCode.UNAUTHENTICATED, request, response);
	}

	/** Texts follow the caller's stored language; anonymous requests follow {@code Accept-Language}. */
	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver byHeader = new AcceptHeaderLocaleResolver();
		byHeader.setSupportedLocales(java.util.List.of(Locale.ENGLISH, Locale.forLanguageTag("nl")));
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
