package org.voxbox.pin;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Channel;
import org.voxbox.pinpolicy.PinMessages;
import org.voxbox.pinpolicy.PinPolicy;
import org.voxbox.pinpolicy.PinRule;

/**
 * The organisation's voicemail PIN rules at the Webex path, every rule readable and writable by an
 * administrator: the Webex fields, plus extension fields for the rules Webex lacks (name spelling, whole
 * sequences, keypad lines, distinct digits), the government flag and the failed-attempt lockout.
 */
@RestController
@Tag(name = "Voicemail PIN rules")
class PolicyController {

	private final PinPolicies policies;

	private final PolicyUpdate updates;

	PolicyController(PinPolicies policies, PolicyUpdate updates) {
		this.policies = policies;
		this.updates = updates;
	}

	record RepeatedDigits(@Nullable Boolean enabled, @Nullable Integer max) {
	}

	record ContiguousSequences(@Nullable Boolean enabled, @Nullable Integer numberOfAscendingDigits,
			@Nullable Integer numberOfDescendingDigits) {
	}

	record Length(@Nullable Integer min, @Nullable Integer max) {
	}

	record Days(@Nullable Boolean enabled, @Nullable Integer numberOfDays) {
	}

	/** {@code useSystemDefault} (extension) drops the organisation's own depth for the system default. */
	record PreviousPasscodes(@Nullable Boolean enabled, @Nullable Integer numberOfPasscodes, @Nullable Boolean useSystemDefault) {
	}

	record FailedAttempts(@Nullable Boolean enabled, @Nullable Integer attempts) {
	}

	record DistinctDigits(@Nullable Boolean enabled, @Nullable Integer min) {
	}

	record DefaultPinRules(@Nullable Boolean blockRepeatedPatternsEnabled, @Nullable RepeatedDigits blockRepeatedDigits,
			@Nullable ContiguousSequences blockContiguousSequences, @Nullable Length length,
			@Nullable Boolean defaultVoicemailPinEnabled) {
	}

	/**
	 * The organisation's rules. In a PUT every field is optional and only those present change. The default PIN is
	 * write-only; {@code systemHistoryDepth} is read-only.
	 */
	record OrgRules(@Nullable DefaultPinRules defaultVoicemailPinRules, @Nullable Days expirePasscode,
			@Nullable Days changePasscode, @Nullable PreviousPasscodes blockPreviousPasscodes,
			@Nullable FailedAttempts failedAttempts, @Nullable Boolean blockUserNumberEnabled,
			@Nullable Boolean blockReversedUserNumberEnabled, @Nullable Boolean blockReversedOldPasscodeEnabled,
			@Nullable Boolean blockNameSpellingEnabled, @Nullable Boolean blockWholeSequenceEnabled,
			@Nullable Boolean blockKeypadLinesEnabled, @Nullable DistinctDigits blockFewDistinctDigits,
			@Nullable Boolean government, @Nullable Integer systemHistoryDepth, @Nullable Boolean defaultVoicemailPinEnabled,
			@Nullable String defaultVoicemailPin) {

		@Override
		public String toString() {
			return "OrgRules[…]";
		}

		static OrgRules of(PinPolicies.Stored stored, int systemDepth) {
			PinPolicy p = stored.policy();
			return new OrgRules(
					new DefaultPinRules(p.isEnabled(PinRule.REPEATED_GROUP),
							new RepeatedDigits(p.isEnabled(PinRule.REPEATED_DIGITS), p.maxRepeatedDigit()),
							new ContiguousSequences(p.isEnabled(PinRule.ASCENDING_RUN) || p.isEnabled(PinRule.DESCENDING_RUN),
									p.maxAscendingRun(), p.maxDescendingRun()),
							new Length(p.minLength(), p.maxLength()), stored.defaultPinEnabled()),
					new Days(p.expiryEnabled(), p.expiryDays()),
					new Days(p.isEnabled(PinRule.CHANGED_TOO_RECENTLY), p.minDaysBetweenChanges()),
					new PreviousPasscodes(p.isEnabled(PinRule.IN_HISTORY), p.historyDepth(), stored.historyOverride() == null),
					new FailedAttempts(p.lockoutEnabled(), p.maxFailedAttempts()), p.isEnabled(PinRule.CONTAINS_OWN_NUMBER),
					p.isEnabled(PinRule.CONTAINS_REVERSED_NUMBER), p.isEnabled(PinRule.REVERSE_OF_CURRENT),
					p.isEnabled(PinRule.MATCHES_NAME), p.isEnabled(PinRule.SEQUENCE), p.isEnabled(PinRule.KEYPAD_LINE),
					new DistinctDigits(p.isEnabled(PinRule.TOO_FEW_DISTINCT_DIGITS), p.minDistinctDigits()),
					stored.government(), systemDepth, null, null);
		}
	}

	record Requirement(String code, String description) {
	}

	/** The Webex "for me" rules, flat, with the extension fields and the requirement texts in the caller's language. */
	record MyRules(boolean blockRepeatedPatternsEnabled, boolean blockUserNumberEnabled,
			boolean blockReversedUserNumberEnabled, boolean blockReversedOldPasscodeEnabled,
			PreviousPasscodes blockPreviousPasscodes, RepeatedDigits blockRepeatedDigits,
			ContiguousSequences blockContiguousSequences, Length length, boolean blockNameSpellingEnabled,
			boolean blockWholeSequenceEnabled, boolean blockKeypadLinesEnabled, DistinctDigits blockFewDistinctDigits,
			Days changePasscode, Days expirePasscode, FailedAttempts failedAttempts, List<Requirement> requirements) {

		static MyRules of(PinPolicies.Stored stored, Locale locale) {
			PinPolicy p = stored.policy();
			return new MyRules(p.isEnabled(PinRule.REPEATED_GROUP), p.isEnabled(PinRule.CONTAINS_OWN_NUMBER),
					p.isEnabled(PinRule.CONTAINS_REVERSED_NUMBER), p.isEnabled(PinRule.REVERSE_OF_CURRENT),
					new PreviousPasscodes(p.isEnabled(PinRule.IN_HISTORY), p.historyDepth(), null),
					new RepeatedDigits(p.isEnabled(PinRule.REPEATED_DIGITS), p.maxRepeatedDigit()),
					new ContiguousSequences(p.isEnabled(PinRule.ASCENDING_RUN) || p.isEnabled(PinRule.DESCENDING_RUN),
							p.maxAscendingRun(), p.maxDescendingRun()),
					new Length(p.minLength(), p.maxLength()), p.isEnabled(PinRule.MATCHES_NAME), p.isEnabled(PinRule.SEQUENCE),
					p.isEnabled(PinRule.KEYPAD_LINE),
					new DistinctDigits(p.isEnabled(PinRule.TOO_FEW_DISTINCT_DIGITS), p.minDistinctDigits()),
					new Days(p.isEnabled(PinRule.CHANGED_TOO_RECENTLY), p.minDaysBetweenChanges()),
					new Days(p.expiryEnabled(), p.expiryDays()), new FailedAttempts(p.lockoutEnabled(), p.maxFailedAttempts()),
					PinMessages.requirements(p, true).stream()
						.map(rule -> new Requirement(rule.name(), PinMessages.requirement(rule, p, locale)))
						.toList());
		}
	}

	@GetMapping(path = "/v1/telephony/config/voicemail/rules", produces = "application/json")
	@Operation(summary = "The organisation's voicemail PIN rules (administrator)")
	OrgRules get(@AuthenticationPrincipal Caller caller) {
		caller.requireAdmin();
		PinPolicies.Stored stored = policies.load(caller.orgId());
		return OrgRules.of(stored, policies.systemHistoryDepth(stored.government()));
	}

	@PutMapping(path = "/v1/telephony/config/voicemail/rules", consumes = "application/json")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Change the organisation's voicemail PIN rules (administrator); only the fields sent change")
	void put(@AuthenticationPrincipal Caller caller, @RequestBody OrgRules update) {
		caller.requireAdmin();
		PinPolicies.Stored stored = policies.load(caller.orgId());
		boolean government = update.government() == null ? stored.government() : update.government();
		Integer override = stored.historyOverride();
		var previous = update.blockPreviousPasscodes();
		if (previous != null && Boolean.TRUE.equals(previous.useSystemDefault())) {
			override = null;
		}
		else if (previous != null && previous.numberOfPasscodes() != null) {
			override = previous.numberOfPasscodes();
		}
		PinPolicy policy;
		try {
			policy = apply(stored.policy(), update);
		}
		catch (IllegalArgumentException ex) {
			throw PinErrors.invalid(caller.locale(), "error.policyInvalid", ex.getMessage());
		}
		Boolean defaultEnabledField = update.defaultVoicemailPinEnabled() != null ? update.defaultVoicemailPinEnabled()
				: update.defaultVoicemailPinRules() == null ? null : update.defaultVoicemailPinRules().defaultVoicemailPinEnabled();
		boolean defaultEnabled = defaultEnabledField == null ? stored.defaultPinEnabled() : defaultEnabledField;
		updates.save(caller, Channel.API,
				new PolicyUpdate.Change(policy, override, government, defaultEnabled, update.defaultVoicemailPin()));
	}

	private static PinPolicy apply(PinPolicy p, OrgRules u) {
		var d = u.defaultVoicemailPinRules();
		if (d != null) {
			p = rule(p, PinRule.REPEATED_GROUP, d.blockRepeatedPatternsEnabled());
			if (d.blockRepeatedDigits() != null) {
				p = rule(p, PinRule.REPEATED_DIGITS, d.blockRepeatedDigits().enabled());
				if (d.blockRepeatedDigits().max() != null) {
					p = p.withMaxRepeatedDigit(d.blockRepeatedDigits().max());
				}
			}
			var s = d.blockContiguousSequences();
			if (s != null) {
				p = rule(rule(p, PinRule.ASCENDING_RUN, s.enabled()), PinRule.DESCENDING_RUN, s.enabled());
				if (s.numberOfAscendingDigits() != null) {
					p = p.withMaxAscendingRun(s.numberOfAscendingDigits());
				}
				if (s.numberOfDescendingDigits() != null) {
					p = p.withMaxDescendingRun(s.numberOfDescendingDigits());
				}
			}
			if (d.length() != null) {
				int min = d.length().min() == null ? p.minLength() : d.length().min();
				int max = d.length().max() == null ? p.maxLength() : d.length().max();
				// Widen first so that the intermediate policy is valid whichever way the range moves.
				p = p.withMaxLength(30).withMinLength(min).withMaxLength(max);
			}
		}
		if (u.expirePasscode() != null) {
			p = p.withExpiry(u.expirePasscode().enabled() == null ? p.expiryEnabled() : u.expirePasscode().enabled(),
					u.expirePasscode().numberOfDays() == null ? p.expiryDays() : u.expirePasscode().numberOfDays());
		}
		if (u.changePasscode() != null) {
			p = rule(p, PinRule.CHANGED_TOO_RECENTLY, u.changePasscode().enabled());
			if (u.changePasscode().numberOfDays() != null) {
				p = p.withMinDaysBetweenChanges(u.changePasscode().numberOfDays());
			}
		}
		if (u.blockPreviousPasscodes() != null) {
			p = rule(p, PinRule.IN_HISTORY, u.blockPreviousPasscodes().enabled());
		}
		if (u.failedAttempts() != null) {
			p = p.withLockout(u.failedAttempts().enabled() == null ? p.lockoutEnabled() : u.failedAttempts().enabled(),
					u.failedAttempts().attempts() == null ? p.maxFailedAttempts() : u.failedAttempts().attempts());
		}
		p = rule(p, PinRule.CONTAINS_OWN_NUMBER, u.blockUserNumberEnabled());
		p = rule(p, PinRule.CONTAINS_REVERSED_NUMBER, u.blockReversedUserNumberEnabled());
		p = rule(p, PinRule.REVERSE_OF_CURRENT, u.blockReversedOldPasscodeEnabled());
		p = rule(p, PinRule.MATCHES_NAME, u.blockNameSpellingEnabled());
		p = rule(p, PinRule.SEQUENCE, u.blockWholeSequenceEnabled());
		p = rule(p, PinRule.KEYPAD_LINE, u.blockKeypadLinesEnabled());
		if (u.blockFewDistinctDigits() != null) {
			p = rule(p, PinRule.TOO_FEW_DISTINCT_DIGITS, u.blockFewDistinctDigits().enabled());
			if (u.blockFewDistinctDigits().min() != null) {
				p = p.withMinDistinctDigits(u.blockFewDistinctDigits().min());
			}
		}
		return p;
	}

	private static PinPolicy rule(PinPolicy p, PinRule rule, @Nullable Boolean enabled) {
		return enabled == null ? p : p.withRule(rule, enabled);
	}
}
