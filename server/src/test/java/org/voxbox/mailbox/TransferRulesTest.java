package org.voxbox.mailbox;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Transfer destinations under the default policy and under what an administrator may change, in several regions. */
class TransferRulesTest {

	private static final Set<String> EXTENSIONS = Set.of("4771", "09001234");

	private static Optional<TransferRule> check(String region, TransferPolicy policy, String destination) {
		return new TransferRules(region).refusal(destination, policy, EXTENSIONS::contains);
	}

	private static Optional<TransferRule> dutch(String destination) {
		return check("NL", TransferPolicy.defaults(), destination);
	}

	@Test
	void featureCodesAreRefusedWhereverTheStarOrHashIs() {
		for (String code : List.of("*72", "#", "*", "72#", "*31201234567", "+3120#1234567", "##002#")) {
			assertThat(dutch(code)).as(code).contains(TransferRule.FEATURE_CODE);
		}
		assertThat(check("NL", TransferPolicy.defaults().withAllowedPrefixes(List.of("+3")), "*31201234567"))
			.contains(TransferRule.FEATURE_CODE);
	}

	@Test
	void theOrganisationsExtensionsAndNationalFixedMobileAndTollFreeNumbersAreAllowedByDefault() {
		for (String allowed : List.of("4771", "0201234567", "+31201234567", "0031201234567", "0612345678", "08001234")) {
			assertThat(dutch(allowed)).as(allowed).isEmpty();
		}
	}

	@Test
	void digitsThatAreNobodysExtensionMustBeAValidNumber() {
		for (String nothing : List.of("4772", "112", "12", "0676123456", "+11111111111111111111", "1".repeat(20))) {
			assertThat(dutch(nothing)).as(nothing).contains(TransferRule.NOT_A_NUMBER);
		}
	}

	@Test
	void premiumRateAndSharedCostNumbersAreRefusedEvenUnderAnAllowedPrefix() {
		assertThat(dutch("+19005551234")).contains(TransferRule.PREMIUM_RATE);
		assertThat(dutch("09001234567")).contains(TransferRule.PREMIUM_RATE);
		assertThat(dutch("09091234")).contains(TransferRule.PREMIUM_RATE);
		assertThat(check("US", TransferPolicy.defaults(), "9005551234")).contains(TransferRule.PREMIUM_RATE);
		assertThat(check("GB", TransferPolicy.defaults(), "09065551234")).contains(TransferRule.PREMIUM_RATE);
		TransferPolicy wide = TransferPolicy.defaults().withAllowedPrefixes(List.of("+1", "+31", "+44"));
		assertThat(check("NL", wide, "+19005551234")).contains(TransferRule.PREMIUM_RATE);
		assertThat(check("NL", wide, "+31900123456")).contains(TransferRule.PREMIUM_RATE);
		assertThat(check("NL", wide, "+449065551234")).contains(TransferRule.PREMIUM_RATE);
	}

	@Test
	void anExtensionTheAdministratorGaveIsAllowedEvenWhereItWouldReadAsAPremiumNumber() {
		assertThat(dutch("09001234")).isEmpty();
		assertThat(dutch("09001235")).contains(TransferRule.PREMIUM_RATE);
	}

	@Test
	void numbersOfAnotherRegionAreRefusedUntilAnAdministratorAllowsTheirPrefix() {
		for (String foreign : List.of("+4930123456", "+12125551234", "0049301234567", "+442079460000")) {
			assertThat(dutch(foreign)).as(foreign).contains(TransferRule.INTERNATIONAL);
		}
		TransferPolicy germany = TransferPolicy.defaults().withAllowedPrefixes(List.of("+49"));
		assertThat(check("NL", germany, "+4930123456")).isEmpty();
		assertThat(check("NL", germany, "0049301234567")).isEmpty();
		assertThat(check("NL", germany, "+12125551234")).contains(TransferRule.INTERNATIONAL);
		// A region is a region: Jersey shares +44 with Britain, Jamaica +1 with the United States.
		assertThat(check("GB", TransferPolicy.defaults(), "+441534123456")).contains(TransferRule.INTERNATIONAL);
		assertThat(check("US", TransferPolicy.defaults(), "+18765551234")).contains(TransferRule.INTERNATIONAL);
		assertThat(check("US", TransferPolicy.defaults(), "2125551234")).isEmpty();
	}

	@Test
	void specialNumbersAreRefusedUnlessTheirPrefixIsAllowed() {
		// UAN (Dutch 084, 087, 088), VoIP (085) and British personal numbers (070).
		for (String special : List.of("0841234567", "0871234567", "0881234567", "0851234567")) {
			assertThat(dutch(special)).as(special).contains(TransferRule.SPECIAL_NUMBER);
		}
		assertThat(check("GB", TransferPolicy.defaults(), "07012345678")).contains(TransferRule.SPECIAL_NUMBER);
		TransferPolicy companyNumbers = TransferPolicy.defaults().withAllowedPrefixes(List.of("+3188"));
		assertThat(check("NL", companyNumbers, "0881234567")).isEmpty();
		assertThat(check("NL", companyNumbers, "0871234567")).contains(TransferRule.SPECIAL_NUMBER);
	}

	@Test
	void withNationalNumbersOffOnlyExtensionsAndAllowedPrefixesRemain() {
		TransferPolicy off = TransferPolicy.defaults().withNationalNumbers(false);
		assertThat(check("NL", off, "0201234567")).contains(TransferRule.NATIONAL_NUMBERS_OFF);
		assertThat(check("NL", off, "4771")).isEmpty();
		assertThat(check("NL", off.withAllowedPrefixes(List.of("+3120")), "0201234567")).isEmpty();
		assertThat(check("NL", off.withAllowedPrefixes(List.of("+3120")), "0101234567"))
			.contains(TransferRule.NATIONAL_NUMBERS_OFF);
	}

	@Test
	void withoutARegionEveryNumberIsInternationalAndNationalFormsAreNoNumbers() {
		assertThat(check("", TransferPolicy.defaults(), "0201234567")).contains(TransferRule.NOT_A_NUMBER);
		assertThat(check("", TransferPolicy.defaults(), "+31201234567")).contains(TransferRule.INTERNATIONAL);
		assertThat(check("", TransferPolicy.defaults(), "4771")).isEmpty();
		assertThat(check("", TransferPolicy.defaults().withAllowedPrefixes(List.of("+31")), "+31201234567")).isEmpty();
	}

	@Test
	void allowedPrefixesArePlusAndUpTo15DigitsAtMost20NoneTwice() {
		for (String bad : List.of("44", "+", "+0", "+044", "+4412345678901234", " +44", "+44 ", "+4a", "+4\u0000", "")) {
			assertThatIllegalArgumentException().isThrownBy(() -> new TransferPolicy(true, List.of(bad)))
				.withMessageContaining("must be + and 1 to 15 digits");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TransferPolicy(true, Collections.singletonList(null)))
			.withMessageContaining("null");
		assertThatIllegalArgumentException().isThrownBy(() -> new TransferPolicy(true, List.of("+44", "+31", "+44")))
			.withMessage("allowed prefix listed twice: +44");
		List<String> twentyOne = IntStream.range(0, 21).mapToObj(i -> "+4" + i).toList();
		assertThatIllegalArgumentException().isThrownBy(() -> new TransferPolicy(true, twentyOne))
			.withMessage("at most 20 allowed prefixes: 21");
		assertThatIllegalArgumentException().isThrownBy(() -> new TransferPolicy(true, List.of("+44" + "9".repeat(200))))
			.withMessageEndingWith("…");
		assertThat(new TransferPolicy(true, List.of("+1", "+123456789012345")).allowedPrefixes()).hasSize(2);
	}

	@Test
	void everyRuleHasItsOwnErrorCodeAndIsExplainedInEnglishAndDutch() {
		assertThat(Arrays.stream(TransferRule.values()).map(TransferRule::errorCode).distinct()).hasSize(TransferRule.values().length);
		for (TransferRule rule : TransferRule.values()) {
			String english = TransferRefused.description(rule, Locale.ENGLISH);
			String dutch = TransferRefused.description(rule, Locale.forLanguageTag("nl"));
			assertThat(english).as(rule.name()).isNotBlank().isNotEqualTo(dutch);
			assertThat(dutch).as(rule.name()).isNotBlank();
		}
	}

	@Test
	void aLoggedDestinationNeverShowsAllItsDigits() {
		assertThat(TransferRules.masked("+19005551234")).isEqualTo("+19…34");
		assertThat(TransferRules.masked("0201234567")).isEqualTo("020…67");
		assertThat(TransferRules.masked("4771")).isEqualTo("…1");
		assertThat(TransferRules.masked("7")).isEqualTo("…");
		for (String number : List.of("12", "123456789", "0201234567", "+" + "1".repeat(20))) {
			String masked = TransferRules.masked(number);
			assertThat(masked.replace("…", "").length()).as(masked).isLessThanOrEqualTo(Math.max(1, number.length() / 2));
		}
	}

	@Test
	void theLongestPolicyFitsTheAuditTrailsValueColumn() {
		List<String> longest = IntStream.range(0, TransferPolicy.MAX_PREFIXES)
			.mapToObj(i -> "+" + (100_000_000_000_000L + i))
			.toList();
		// audit_event.old_value and new_value are VARCHAR(400).
		assertThat(new TransferPolicy(false, longest).describe()).hasSizeLessThanOrEqualTo(400);
	}
}
