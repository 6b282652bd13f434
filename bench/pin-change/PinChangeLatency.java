/*
 * PIN change latency through the REST API at history depth 0, 10 and 24, against a running Voxbox server,
 * compared with the server's own mean time for one Argon2id hash (its voxbox_pin_hashes_seconds metric).
 *
 * Run by pin-change-latency.sh (which starts the server); by hand:
 *   java bench/pin-change/PinChangeLatency.java http://localhost:8080 <admin-token> [changes-per-depth]
 */
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class PinChangeLatency {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static String base;

	static String admin;

	public static void main(String[] args) throws Exception {
		base = args[0];
		admin = args[1];
		int changes = args.length > 2 ? Integer.parseInt(args[2]) : 60;
		// Keep the two rules that cost hashes (history, reverse of current); drop the cheap ones that could refuse a
		// random PIN, so every change below is accepted.
		send("PUT", "/v1/telephony/config/voicemail/rules", admin, """
				{"defaultVoicemailPinRules":{"blockRepeatedPatternsEnabled":false,"blockRepeatedDigits":{"enabled":false}},
				 "blockUserNumberEnabled":false,"blockNameSpellingEnabled":false,"blockWholeSequenceEnabled":false,
				 "blockKeypadLinesEnabled":false,"blockReversedOldPasscodeEnabled":true,
				 "blockPreviousPasscodes":{"enabled":true,"numberOfPasscodes":0}}""", 204);
		Random random = new Random(42);
		System.out.printf("%-6s %6s %9s %9s %9s %9s   %s%n", "depth", "n", "mean ms", "p50 ms", "p95 ms", "hash ms", "mean / one hash");
		for (int depth : new int[] { 0, 10, 24 }) {
			send("PUT", "/v1/telephony/config/voicemail/rules", admin,
					"{\"blockPreviousPasscodes\":{\"enabled\":true,\"numberOfPasscodes\":" + depth + "}}", 204);
			String person = field(send("POST", "/v1/people", admin, "{\"emails\":[\"bench" + depth + "." + System.nanoTime()
					+ "@example.com\"],\"firstName\":\"Bench\",\"lastName\":\"Mark\"}", 200), "id");
			send("PUT", "/v1/people/" + person + "/features/voicemail", admin, "{\"enabled\":true}", 204);
			String token = field(send("POST", "/v1/people/" + person + "/tokens", admin, "{\"name\":\"bench\"}", 200), "token");
			Set<String> used = new HashSet<>();
			// Fill the history to its depth, then warm up, then measure.
			for (int i = 0; i < depth + 20; i++) {
				change(token, pin(random, used));
			}
			double hashSumBefore = metric("voxbox_pin_hashes_seconds_sum");
			double hashCountBefore = metric("voxbox_pin_hashes_seconds_count");
			List<Double> millis = new ArrayList<>();
			for (int i = 0; i < changes; i++) {
				String pin = pin(random, used);
				long t0 = System.nanoTime();
				change(token, pin);
				millis.add((System.nanoTime() - t0) / 1e6);
			}
			double hashMs = 1000 * (metric("voxbox_pin_hashes_seconds_sum") - hashSumBefore)
					/ (metric("voxbox_pin_hashes_seconds_count") - hashCountBefore);
			Collections.sort(millis);
			double mean = millis.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
			System.out.printf("%-6d %6d %9.1f %9.1f %9.1f %9.1f   %.2f×%n", depth, changes, mean, millis.get(changes / 2),
					millis.get((int) (changes * 0.95)), hashMs, mean / hashMs);
		}
	}

	static String pin(Random random, Set<String> used) {
		while (true) {
			String pin = String.format("%08d", random.nextInt(100_000_000));
			if (used.add(pin) && used.add(new StringBuilder(pin).reverse().toString())) {
				return pin;
			}
		}
	}

	static void change(String token, String pin) throws Exception {
		send("PUT", "/v1/telephony/config/people/me/voicemail/pin", token,
				"{\"passcode\":\"" + pin + "\",\"confirmPasscode\":\"" + pin + "\"}", 204);
	}

	static double metric(String name) throws Exception {
		String text = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString()).body();
		Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("no metric " + name);
		}
		return Double.parseDouble(m.group(2));
	}

	static String send(String method, String path, String token, String body, int expected) throws Exception {
		HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != expected) {
			throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
		}
		return r.body();
	}

	static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}
}
