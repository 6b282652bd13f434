package org.voxbox.web;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.voxbox.pinpolicy.PinRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text lives in the message bundles, in English and in Dutch: a key missing in either language, a key a
 * template or the code asks for that no bundle has, or text written straight into a template fails the build.
 */
class PortalTextsTest {

	private static final Path RESOURCES = Path.of("src/main/resources");

	private static final Path TEMPLATES = RESOURCES.resolve("templates");

	private static final Path SOURCES = Path.of("src/main/java");

	@Test
	void everyBundleHasTheSameKeysInEnglishAndDutchAndNoEmptyText() throws IOException {
		List<String> bundles = bundles();
		assertThat(bundles).contains("portal", "web", "directory", "mailbox", "pin", "audit");
		for (String bundle : bundles) {
			Properties en = load(bundle + ".properties");
			Properties nl = load(bundle + "_nl.properties");
			assertThat(nl.stringPropertyNames()).as("keys of %s_nl against %s", bundle, bundle)
				.containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
			for (Properties p : List.of(en, nl)) {
				p.stringPropertyNames().forEach(key -> assertThat(p.getProperty(key)).as(bundle + ":" + key).isNotBlank());
			}
		}
	}

	@Test
	void everyMessageATemplateUsesExists() throws IOException {
		Properties portal = load("portal.properties");
		Set<String> missing = new TreeSet<>();
		Pattern literalKey = Pattern.compile("#\\{([a-zA-Z][\\w.-]*)(\\(|})");
		for (Path template : templates()) {
			Matcher m = literalKey.matcher(Files.readString(template));
			while (m.find()) {
				if (!portal.containsKey(m.group(1))) {
					missing.add(template.getFileName() + ": " + m.group(1));
				}
			}
		}
		// Keys the templates build from values.
		List<String> built = new ArrayList<>();
		Stream.of("not-set", "set", "must-change", "locked", "expired").forEach(s -> built.add("pin.state." + s));
		Stream.of("USER", "ADMIN").forEach(r -> built.add("role." + r));
		Stream.of("API", "PORTAL", "PHONE", "SYSTEM").forEach(c -> built.add("audit.channel." + c));
		Stream.of(PinRule.values()).filter(r -> !r.alwaysOn()).forEach(r -> built.add("policy.rule." + r.name()));
		built.stream().filter(key -> !portal.containsKey(key)).forEach(missing::add);
		assertThat(missing).isEmpty();
	}

	@Test
	void everyTextTheCodeAsksForExists() throws Exception {
		Pattern call = Pattern.compile("Texts\\.get\\(\"(\\w+)\",\\s*\"([\\w.]*\\w)\"");
		Pattern directory = Pattern.compile("DirectoryErrors\\.(?:text|invalid|conflict)\\(\"([\\w.]+)\"");
		Pattern pin = Pattern.compile("PinErrors\\.invalid\\([^,]+,\\s*\"([\\w.]+)\"");
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String code = Files.readString(file);
				check(call.matcher(code), m -> m.group(1), m -> m.group(2), missing);
				check(directory.matcher(code), m -> "directory", m -> m.group(1), missing);
				check(pin.matcher(code), m -> "pin", m -> m.group(1), missing);
			}
		}
		for (Object type : Class.forName("org.voxbox.audit.AuditTrail$Type").getEnumConstants()) {
			for (String file : List.of("audit.properties", "audit_nl.properties")) {
				if (!load(file).containsKey("event." + type)) {
					missing.add(file + ": event." + type);
				}
			}
		}
		for (ErrorCode code : ErrorCode.values()) {
			if (!load("web.properties").containsKey("error." + code.name())) {
				missing.add("web: error." + code.name());
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void templatesHoldNoHardCodedText() throws IOException {
		Pattern textAttribute = Pattern.compile("\\s(title|alt|placeholder|aria-label|label)=\"([^\"]*)\"");
		List<String> found = new ArrayList<>();
		for (Path template : templates()) {
			String html = Files.readString(template)
				.replaceAll("(?s)<!--.*?-->", "")
				.replaceAll("(?s)<script.*?</script>", "")
				.replaceAll("(?s)<style.*?</style>", "");
			Matcher attributes = textAttribute.matcher(html);
			while (attributes.find()) {
				if (attributes.group(2).matches(".*\\p{L}.*")) {
					found.add(template.getFileName() + ": " + attributes.group());
				}
			}
			for (String text : html.replaceAll("(?s)<[^>]*>", "\n").split("\n")) {
				String t = text.strip();
				if (t.matches(".*\\p{L}.*")) {
					found.add(template.getFileName() + ": " + t);
				}
			}
		}
		assertThat(found).isEmpty();
	}

	private interface Part {
		String of(Matcher m);
	}

	private static void check(Matcher m, Part bundle, Part key, Set<String> missing) throws IOException {
		while (m.find()) {
			String b = bundle.of(m);
			String k = key.of(m);
			for (String file : List.of(b + ".properties", b + "_nl.properties")) {
				if (!load(file).containsKey(k)) {
					missing.add(file + ": " + k);
				}
			}
		}
	}

	private static List<String> bundles() throws IOException {
		try (Stream<Path> files = Files.list(RESOURCES.resolve("i18n"))) {
			return files.map(f -> f.getFileName().toString())
				.filter(n -> n.endsWith(".properties") && !n.contains("_"))
				.map(n -> n.substring(0, n.length() - ".properties".length()))
				.sorted()
				.toList();
		}
	}

	private static List<Path> templates() throws IOException {
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			List<Path> found = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
			assertThat(found).isNotEmpty();
			return found;
		}
	}

	private static Properties load(String file) throws IOException {
		Properties p = new Properties();
		try (Reader reader = Files.newBufferedReader(RESOURCES.resolve("i18n").resolve(file), StandardCharsets.UTF_8)) {
			p.load(reader);
		}
		return p;
	}
}
