package org.voxbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser's worth of portal state over plain HTTP: the session cookie and the current page's CSRF token. */
public final class PortalClient {

	private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private static final Pattern OUTCOME = Pattern.compile("id=\"password-(?:error|changed)\"[^>]*>([^<]*)<");

	private final LoopbackClient client;

	private volatile String cookie = "";

	private volatile String csrf = "";

	private PortalClient(LoopbackClient client) {
		this.client = client;
	}

	public static PortalClient open(LoopbackClient client) {
		PortalClient portal = new PortalClient(client);
		portal.get("/signin");
		return portal;
	}

	public Api.Response get(String path) {
		Api.Response page = client.get(path, cookie.isEmpty() ? Map.of() : Map.of("Cookie", cookie));
		keep(page);
		Matcher token = CSRF.matcher(page.text());
		if (token.find()) {
			csrf = token.group(1);
		}
		return page;
	}

	/** Signs in and answers where the portal sent the browser: {@code profile}, {@code signin?error} … */
	public String signIn(String email, String password, Map<String, String> headers) {
		Api.Response r = post("/signin", Map.of("email", email, "password", password), headers);
		assertThat(r.status()).as(r.toString()).isEqualTo(302);
		String location = r.header("Location");
		String target = location.substring(location.lastIndexOf('/') + 1);
		if (target.equals("profile")) {
			get("/profile"); // the session's new CSRF token
		}
		return target;
	}

	/** Submits the password form on My profile and answers the message it then shows, alert or success. */
	public String changePassword(String current, String next) {
		Api.Response r = post("/profile/password",
				Map.of("currentPassword", current, "newPassword", next, "confirmPassword", next), Map.of());
		assertThat(r.status()).as(r.toString()).isEqualTo(302);
		String page = get("/profile").text();
		Matcher outcome = OUTCOME.matcher(page);
		assertThat(outcome.find()).as("the form's outcome on My profile after " + r + ":\n" + page).isTrue();
		return outcome.group(1);
	}

	public Api.Response post(String path, Map<String, String> form, Map<String, String> headers) {
		StringBuilder body = new StringBuilder("_csrf=").append(encode(csrf));
		form.forEach((k, v) -> body.append('&').append(k).append('=').append(encode(v)));
		Map<String, String> all = new LinkedHashMap<>(headers);
		if (!cookie.isEmpty()) {
			all.put("Cookie", cookie);
		}
		all.put("Content-Type", "application/x-www-form-urlencoded");
		Api.Response r = client.post(path, all, body.toString());
		keep(r);
		return r;
	}

	/** A JSON POST as the portal's script sends it: the CSRF token in its header, the session cookie. */
	public Api.Response postJson(String path, String json) {
		Map<String, String> all = new LinkedHashMap<>();
		if (!cookie.isEmpty()) {
			all.put("Cookie", cookie);
		}
		all.put("Content-Type", "application/json");
		all.put("X-CSRF-TOKEN", csrf);
		Api.Response r = client.post(path, all, json);
		keep(r);
		return r;
	}

	private void keep(Api.Response r) {
		String set = r.header("Set-Cookie");
		if (set != null && set.startsWith("VOXBOX_SESSION=")) {
			cookie = set.substring(0, set.indexOf(';'));
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
