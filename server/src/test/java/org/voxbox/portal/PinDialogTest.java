package org.voxbox.portal;

import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.voxbox.directory.Channel;
import org.voxbox.pin.PinVerification;
import org.voxbox.pinpolicy.PinMessages;
import org.voxbox.pinpolicy.PinPolicy;
import org.voxbox.pinpolicy.PinRule;
import org.voxbox.web.PublicId;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The PIN dialog on My profile: requirements, live feedback while typing, submitting, keyboard use, secrecy. */
class PinDialogTest extends BrowserTest {

	private static final String PASSWORD = "dialog password";

	/** What the dialog lists under the default policy: rules 1–4 (with the confirmation) and rules 5–12. */
	private static final List<String> DEFAULT_REQUIREMENTS = PinMessages.requirements(PinPolicy.defaults(), true).stream()
		.map(PinRule::name)
		.toList();

	/** The rules that need the stored PINs: the dialog says they are checked on submit, and never ticks them. */
	private static final List<String> ON_SUBMIT = List.of("IN_HISTORY", "REVERSE_OF_CURRENT");

	@Autowired
	private PinVerification verification;

	@Test
	void rulesThatNeedTheStoredPinsAreCheckedWhenYouSubmitNotWhileTyping() {
		List<String> pins = validPins(1, 7101);
		String current = pins.get(0);
		String reversed = new StringBuilder(current).reverse().toString();
		TestPerson ria = voicemailUserWithoutNumbers("Ria", "Submit", "en", PASSWORD);
		assertThat(setOwnPin(ria, current).status()).isEqualTo(204);
		signIn(ria.email(), PASSWORD);
		openPinDialog();
		for (String code : ON_SUBMIT) {
			assertThat(requirement(code)).hasAttribute("data-met", "on-submit");
			assertThat(requirement(code).locator(".when")).hasText("checked when you submit");
		}
		page.locator("#new-pin").fill(reversed);
		page.locator("#confirm-pin").fill(reversed);
		assertThat(requirement("CONFIRMATION_MISMATCH")).hasAttribute("data-met", "true"); // the live check answered
		for (String code : ON_SUBMIT) {
			assertThat(requirement(code)).hasAttribute("data-met", "on-submit");
		}
		page.locator("#pin-submit").click();
		assertThat(page.locator("#pin-errors > li[data-code=REVERSE_OF_CURRENT]")).isVisible();
		assertThat(page.locator("dialog#pin-dialog")).isVisible();
		assertThat(verification.verify(id(ria), current, Channel.PORTAL)).isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void changingThePinInTheDialogMakesTheNewPinWork() {
		String pin = validPins(1, 7001).get(0);
		TestPerson ann = voicemailUserWithoutNumbers("Ann", "Dialog", "en", PASSWORD);
		signIn(ann.email(), PASSWORD);
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "not-set");

		openPinDialog();

		assertThat(requirementCodes()).as("requirements listed before typing").containsAll(DEFAULT_REQUIREMENTS);
		for (Locator li : page.locator("#pin-requirements > li[data-code]").all()) {
			assertThat(li).hasAttribute("data-met", ON_SUBMIT.contains(li.getAttribute("data-code")) ? "on-submit" : "unknown");
			assertThat(li.innerText()).as(li.getAttribute("data-code")).isNotBlank();
		}
		page.locator("#new-pin").fill(pin);
		page.locator("#confirm-pin").fill(pin);
		page.locator("#pin-submit").click();

		assertThat(page.locator("dialog#pin-dialog")).isHidden();
		assertThat(page.locator("#pin-success[role=status]")).isVisible();
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "set");
		assertThat(currentPath()).doesNotContain(pin);
		assertThat(verification.verify(id(ann), pin, Channel.PORTAL)).isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void requirementsTickLiveWhileTyping() {
		TestPerson jan = voicemailUserWithoutNumbers("Jan", "Jansen", "en", PASSWORD);
		signIn(jan.email(), PASSWORD);
		openPinDialog();

		page.locator("#new-pin").pressSequentially("121212");
		page.locator("#confirm-pin").pressSequentially("121212");

		assertOnlyUnmet("REPEATED_GROUP");

		page.locator("#new-pin").fill("526736"); // JANSEN on the keypad
		page.locator("#confirm-pin").fill("526736");

		assertOnlyUnmet("MATCHES_NAME");
	}

	@Test
	void differentConfirmationIsMarkedUnmet() {
		List<String> pins = validPins(2, 7002);
		TestPerson kim = voicemailUserWithoutNumbers("Kim", "Confirm", "en", PASSWORD);
		signIn(kim.email(), PASSWORD);
		openPinDialog();

		page.locator("#new-pin").fill(pins.get(0));
		page.locator("#confirm-pin").fill(pins.get(1));

		assertOnlyUnmet("CONFIRMATION_MISMATCH");
		assertThat(page.locator("#pin-feedback[aria-live=polite]")).not().isEmpty();
	}

	@Test
	void dialogShowsUnmetRulesWhileTypingForTheScreenshot() {
		TestPerson lea = voicemailUserWithoutNumbers("Lea", "Screenshot", "en", PASSWORD);
		signIn(lea.email(), PASSWORD);
		openPinDialog();

		page.locator("#new-pin").fill("1234");
		page.locator("#confirm-pin").fill("12");

		for (String code : List.of("TOO_SHORT", "CONFIRMATION_MISMATCH", "SEQUENCE", "KEYPAD_LINE")) {
			assertThat(requirement(code)).hasAttribute("data-met", "false");
		}
		assertThat(requirement("NOT_DIGITS")).hasAttribute("data-met", "true");
		screenshot("pin-dialog-en", false);
	}

	@Test
	void keyboardAloneOpensTheDialogAndEscapeClosesIt() {
		TestPerson max = voicemailUserWithoutNumbers("Max", "Keyboard", "en", PASSWORD);
		signIn(max.email(), PASSWORD);

		tabTo("reset-pin");
		page.keyboard().press("Enter");

		assertThat(page.locator("dialog#pin-dialog")).isVisible();
		assertThat(page.locator("#new-pin")).isFocused();
		page.keyboard().type("121212");
		page.keyboard().press("Tab");
		assertThat(page.locator("#confirm-pin")).isFocused();
		page.keyboard().type("121212");
		assertThat(requirement("REPEATED_GROUP")).hasAttribute("data-met", "false");

		page.keyboard().press("Escape");

		assertThat(page.locator("dialog#pin-dialog")).isHidden();
		assertThat(page.locator("#reset-pin")).isFocused();
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "not-set");
	}

	@Test
	void rejectedPinIsNeverEchoed() {
		String valid = validPins(1, 7003).get(0);
		String rejected = valid + valid; // REPEATED_GROUP, and twelve digits found nowhere else on the page
		TestPerson ned = voicemailUserWithoutNumbers("Ned", "Secret", "en", PASSWORD);
		signIn(ned.email(), PASSWORD);
		openPinDialog();

		page.locator("#new-pin").fill(rejected);
		page.locator("#confirm-pin").fill(rejected);
		page.locator("#pin-submit").click();

		assertThat(page.locator("#pin-errors > li[data-code=REPEATED_GROUP]")).isVisible();
		assertThat(page.locator("dialog#pin-dialog")).isVisible();
		assertThat(page.locator("#new-pin")).hasValue("");
		assertThat(page.locator("#confirm-pin")).hasValue("");
		assertThat(page.content()).doesNotContain(rejected).doesNotContain(valid);
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "not-set");
		assertThat(verification.verify(id(ned), rejected, Channel.PORTAL)).isEqualTo(PinVerification.Outcome.REJECTED);
	}

	@Test
	void cancelClosesTheDialogWithoutChangingThePin() {
		String pin = validPins(1, 7004).get(0);
		TestPerson ola = voicemailUserWithoutNumbers("Ola", "Cancel", "en", PASSWORD);
		signIn(ola.email(), PASSWORD);
		openPinDialog();
		page.locator("#new-pin").fill(pin);
		page.locator("#confirm-pin").fill(pin);

		page.locator("#pin-cancel").click();

		assertThat(page.locator("dialog#pin-dialog")).isHidden();
		assertThat(page.locator("#pin-success")).hasCount(0);
		page.reload();
		assertThat(page.locator("#pin-state")).hasAttribute("data-state", "not-set");
	}

	private void assertOnlyUnmet(String unmet) {
		assertThat(requirement(unmet)).hasAttribute("data-met", "false");
		for (String code : requirementCodes()) {
			if (ON_SUBMIT.contains(code)) {
				assertThat(requirement(code)).hasAttribute("data-met", "on-submit");
			}
			else if (!code.equals(unmet)) {
				assertThat(requirement(code)).hasAttribute("data-met", "true");
			}
		}
	}

	private Locator requirement(String code) {
		return page.locator("#pin-requirements > li[data-code=" + code + "]");
	}

	/** Presses Tab (at most 40 times) until the element with this id has the focus. */
	private void tabTo(String id) {
		for (int i = 0; i < 40; i++) {
			page.keyboard().press("Tab");
			if (id.equals(page.evaluate("() => document.activeElement && document.activeElement.id"))) {
				return;
			}
		}
		throw new AssertionError("Tab never reached #" + id);
	}

	private static UUID id(TestPerson p) {
		return PublicId.PEOPLE.decode(p.id()).orElseThrow();
	}
}
