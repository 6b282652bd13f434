package org.voxbox.portal;

import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** API tokens in the portal: the secret shown once, revoking for good. */
class TokensPageTest extends BrowserTest {

	private static final String PASSWORD = "tokens password";

	@Test
	void newTokenIsShownOnceWorksAndCanBeRevoked() {
		TestPerson uli = personWithPassword("Uli", "Tokens", "en", PASSWORD);
		signIn(uli.email(), PASSWORD);
		page.locator("a#nav-tokens").click();
		int before = page.locator("table#tokens tr[data-token-id]").count();

		page.locator("#token-name").fill("browser token");
		page.locator("#token-create-submit").click();

		String secret = page.locator("code#token-secret").innerText().strip();
		assertThat(secret).startsWith("vbx_");
		assertThat(api.get("/v1/people/me", secret).json().get("id").asString()).isEqualTo(uli.id());
		assertThat(page.locator("table#tokens tr[data-token-id]")).hasCount(before + 1);
		page.reload();
		assertThat(page.locator("code#token-secret")).hasCount(0);
		assertThat(page.content()).doesNotContain(secret);

		page.locator("table#tokens tr[data-token-id]:has-text('browser token') button.token-revoke").click();

		assertThat(page.locator("table#tokens tr[data-token-id]:has-text('browser token')")).hasCount(0);
		assertThat(api.get("/v1/people/me", secret).status()).isEqualTo(401);
		assertThat(api.get("/v1/people/me", uli.token()).status()).as("the other token still works").isEqualTo(200);
	}
}
