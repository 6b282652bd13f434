package org.voxbox.portal;

import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tokens in the portal: the secret shown once, revoking for good, who issued a token for its owner, and the
 * administrator revoking all of a person's.
 */
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

	@Test
	void tokenAnAdministratorIssuedIsMarkedWithTheirName() {
		// person(...) has the bootstrap administrator issue the person's token "test" through the API.
		TestPerson vera = personWithPassword("Vera", "Issued", "en", PASSWORD);
		signIn(vera.email(), PASSWORD);
		page("/tokens");
		page.locator("#token-name").fill("my own");
		page.locator("#token-create-submit").click();

		assertThat(page.locator("table#tokens tr[data-token-id]:has-text('test') td.token-issued-by.by-admin"))
			.containsText("Voxbox Administrator");
		assertThat(page.locator("table#tokens tr[data-token-id]:has-text('my own') td.token-issued-by")).hasCount(1);
		assertThat(page.locator("table#tokens tr[data-token-id]:has-text('my own') td.by-admin")).hasCount(0);
	}

	@Test
	void administratorRevokesEveryTokenOfAPerson() {
		TestPerson wim = person("Wim", "Revoked", "en");
		String second = api.post("/v1/people/me/tokens", wim.token(), java.util.Map.of("name", "second")).json()
			.get("token").asString();
		signInAsAdmin();
		page("/admin/people/" + wim.id());
		assertThat(page.locator("ul#person-token-list > li[data-token-id]")).hasCount(2);

		page.onceDialog(com.microsoft.playwright.Dialog::accept);
		page.locator("#tokens-revoke-submit").click();

		assertThat(page.locator("#tokens-revoked[role=status]")).isVisible();
		assertThat(page.locator("#person-tokens-none")).isVisible();
		assertThat(api.get("/v1/people/me", wim.token()).status()).isEqualTo(401);
		assertThat(api.get("/v1/people/me", second).status()).isEqualTo(401);
		java.util.List<String> wimsEvents = new java.util.ArrayList<>();
		api.get("/v1/adminAudit/events?max=1000", ADMIN_TOKEN).json().get("items").forEach(event -> {
			var target = event.get("data").get("targetId");
			if (target != null && wim.id().equals(target.asString())) {
				wimsEvents.add(event.get("data").get("eventType").asString() + " " + event.get("data").get("channel").asString());
			}
		});
		assertThat(wimsEvents).contains("TOKENS_REVOKED PORTAL");
	}
}
