package org.voxbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the running app: real requests over loopback, JSON in and out. */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public Api(int port) {
		this.base = "http://localhost:" + port;
	}

	public String base() {
		return base;
	}

	/** A response: status, headers and the body (parsed as JSON when it is JSON). */
	public record Response(int status, Map<String, List<String>> headers, String text) {

		public JsonNode json() {
			return JSON.readTree(text);
		}

		public @Nullable String header(String name) {
			return headers.entrySet().stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.flatMap(e -> e.getValue().stream())
				.findFirst()
				.orElse(null);
		}

		/** The {@code code} of every entry in a Webex error body. */
		public List<String> codes() {
			List<String> codes = new ArrayList<>();
			json().get("errors").forEach(e -> codes.add(e.get("code").asString()));
			return codes;
		}

		@Override
		public String toString() {
			return status + " " + text;
		}
	}

	public Response get(String path, @Nullable String token) {
		return send(request(path, token).GET().build());
	}

	public Response delete(String path, @Nullable String token) {
		return send(request(path, token).DELETE().build());
	}

	public Response post(String path, @Nullable String token, @Nullable Object body) {
		return send(withJson(request(path, token), "POST", body).build());
	}

	public Response put(String path, @Nullable String token, @Nullable Object body) {
		return send(withJson(request(path, token), "PUT", body).build());
	}

	/** Sends a raw request: any method, headers and body bytes. */
	public Response raw(String method, String path, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		headers.forEach(b::header);
		return send(b.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofByteArray(body)).build());
	}

	public static String json(Object body) {
		return body instanceof String s ? s : JSON.writeValueAsString(body);
	}

	private HttpRequest.Builder request(String path, @Nullable String token) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			b.header("Authorization", "Bearer " + token);
		}
		return b;
	}

	private static HttpRequest.Builder withJson(HttpRequest.Builder b, String method, @Nullable Object body) {
		return b.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body == null ? "{}" : json(body)));
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(r.statusCode(), r.headers().map(), r.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
