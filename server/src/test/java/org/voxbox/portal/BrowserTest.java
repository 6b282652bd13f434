package org.voxbox.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.voxbox.ApiTest;
import org.voxbox.directory.DirectoryFixtures;
import org.voxbox.directory.PasswordFixtures;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Base of the portal tests: the whole app on a random port (shared with the other API tests that import
 * {@link DirectoryFixtures}) and Debian's headless Chromium driven by Playwright. One browser per test class, a
 * fresh browser context (cookies, locale) per test. Playwright never downloads a browser
 * ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}); it runs {@code /usr/bin/chromium}. Playwright objects are not
 * thread-safe: these tests run one at a time.
 */
@Tag("browser")
@Import(DirectoryFixtures.class)
@ExtendWith(BrowserTest.DumpPageOnFailure.class)
public abstract class BrowserTest extends ApiTest {

	protected static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

	/** Where screenshots for the docs go: surefire runs in {@code server/}. */
	protected static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

	/** Where a failing test leaves the page it saw. */
	private static final Path FAILURES = Path.of("target", "portal-failures");

	protected static final String ADMIN_PASSWORD = "admin portal password 1";

	private static @Nullable Playwright playwright;

	private static @Nullable Browser browser;

	@Autowired
	private ApplicationContext application;

	@Autowired
	protected DirectoryFixtures directory;

	protected PasswordFixtures passwords;

	protected BrowserContext context;

	protected Page page;

	/** Further browsers of the current test ({@link #anotherBrowser}), closed after it. */
	private final List<BrowserContext> others = new java.util.ArrayList<>();

	@BeforeAll
	static void launchBrowser() {
		if (!Files.isExecutable(CHROMIUM)) {
			throw new IllegalStateException(CHROMIUM + " is missing: install Debian's chromium (bin/test does)");
		}
		playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
						"--disable-background-networking", "--disable-component-update", "--disable-sync")));
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
		if (playwright != null) {
			playwright.close();
			playwright = null;
		}
	}

	@BeforeEach
	void openContext() {
		passwords = PasswordFixtures.from(application);
		useLocale("en-US");
	}

	@AfterEach
	void closeContext() {
		if (context != null) {
			context.close();
		}
		others.forEach(BrowserContext::close);
		others.clear();
	}

	/**
	 * A page in a browser of its own (no cookies shared with {@link #page}), English, on the app: another device of
	 * the same person, or an administrator beside them. Closed after the test.
	 */
	protected Page anotherBrowser() {
		BrowserContext other = browser().newContext(new Browser.NewContextOptions().setBaseURL(api.base())
			.setLocale("en-US")
			.setExtraHTTPHeaders(Map.of("Accept-Language", "en-US,en;q=0.9"))
			.setViewportSize(1280, 800));
		other.setDefaultTimeout(10_000);
		others.add(other);
		return other.newPage();
	}

	/** Signs in on {@code page} (of {@link #anotherBrowser}) and waits for the page the portal sends to. */
	protected static void signIn(Page page, String email, String password) {
		page.navigate("/signin");
		page.locator("#email").fill(email);
		page.locator("#password").fill(password);
		page.locator("#signin-submit").click();
		page.waitForURL(url -> !url.contains("/signin"));
	}

	/** The path of {@code page}'s address with its query, e.g. {@code /signin?ended}. */
	protected static String pathOf(Page page) {
		java.net.URI uri = java.net.URI.create(page.url());
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	/** Starts over in a fresh browser context (no cookies) whose language is {@code locale}, e.g. {@code nl-NL}. */
	protected void useLocale(String locale) {
		if (context != null) {
			context.close();
		}
		String language = locale.substring(0, 2);
		context = browser().newContext(new Browser.NewContextOptions().setBaseURL(api.base())
			.setLocale(locale)
			.setExtraHTTPHeaders(Map.of("Accept-Language", locale + "," + language + ";q=0.9"))
			.setViewportSize(1280, 800));
		context.setDefaultTimeout(10_000);
		page = context.newPage();
	}

	/** Opens {@code path} (e.g. {@code /profile}) in the current page. */
	protected Page page(String path) {
		page.navigate(path);
		return page;
	}

	/** Signs in on {@code /signin} and waits for the page the portal sends to. */
	protected void signIn(String email, String password) {
		signIn(page, email, password);
	}

	/** Signs in as the bootstrap organisation's administrator. */
	protected void signInAsAdmin() {
		signIn(passwords.bootstrapAdminWithPassword(ADMIN_PASSWORD), ADMIN_PASSWORD);
	}

	/** A person of the bootstrap organisation (via the API) who can sign in with {@code password}. */
	protected TestPerson personWithPassword(String firstName, String lastName, String language, String password) {
		TestPerson p = person(firstName, lastName, language);
		passwords.setPassword(p.id(), password);
		return p;
	}

	/** Like {@link #personWithPassword}, with voicemail switched on (no PIN yet). */
	protected TestPerson voicemailUserWithPassword(String firstName, String lastName, String language, String password) {
		TestPerson p = personWithPassword(firstName, lastName, language, password);
		enableVoicemail(p);
		return p;
	}

	/** The path of the current page with its query, e.g. {@code /profile?pin=change}. */
	protected String currentPath() {
		return pathOf(page);
	}

	/** Writes a full-page PNG to {@code docs/screenshots/<name>.png}. */
	protected void screenshot(String name) {
		screenshot(name, true);
	}

	/**
	 * Writes a PNG to {@code docs/screenshots/<name>.png}: the full page, or only the viewport (for a modal dialog,
	 * whose fixed backdrop a full-page capture draws shifted).
	 */
	protected void screenshot(String name, boolean fullPage) {
		try {
			Files.createDirectories(SCREENSHOTS);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(fullPage));
	}

	/**
	 * A person without phone number or extension (so no PIN can contain them by chance), with a password and
	 * voicemail on, of the bootstrap organisation.
	 */
	protected TestPerson voicemailUserWithoutNumbers(String firstName, String lastName, String language, String password) {
		TestPerson p = person(ADMIN_TOKEN, firstName, lastName, language, "USER", null, null);
		passwords.setPassword(p.id(), password);
		enableVoicemail(p);
		return p;
	}

	/** The CSRF token of the current page ({@code <meta name="_csrf">}). */
	protected String csrfToken() {
		String token = page.locator("meta[name=_csrf]").getAttribute("content");
		if (token == null || token.isBlank()) {
			throw new AssertionError("no CSRF token on " + page.url());
		}
		return token;
	}

	/** The {@code data-code} of every requirement in the PIN dialog, in page order. */
	protected List<String> requirementCodes() {
		return page.locator("#pin-requirements > li[data-code]").all().stream()
			.map(li -> li.getAttribute("data-code"))
			.toList();
	}

	/** Opens the PIN dialog from the profile page and waits until it is shown. */
	protected void openPinDialog() {
		page.locator("#reset-pin").click();
		assertThat(page.locator("dialog#pin-dialog")).isVisible();
	}

	private static Browser browser() {
		if (browser == null) {
			throw new IllegalStateException("no browser");
		}
		return browser;
	}

	/** Leaves a screenshot and the HTML of the page a failing test saw in {@code target/portal-failures/}. */
	static class DumpPageOnFailure implements TestExecutionExceptionHandler {

		@Override
		public void handleTestExecutionException(ExtensionContext extension, Throwable failure) throws Throwable {
			if (extension.getTestInstance().orElse(null) instanceof BrowserTest test && test.page != null
					&& !test.page.isClosed()) {
				try {
					String name = extension.getRequiredTestClass().getSimpleName() + "."
							+ extension.getRequiredTestMethod().getName();
					Files.createDirectories(FAILURES);
					test.page.screenshot(new Page.ScreenshotOptions().setPath(FAILURES.resolve(name + ".png")).setFullPage(true));
					Files.writeString(FAILURES.resolve(name + ".html"), test.page.url() + "\n" + test.page.content(),
							StandardCharsets.UTF_8);
				}
				catch (RuntimeException | IOException ex) {
					failure.addSuppressed(ex);
				}
			}
			throw failure;
		}
	}
}
