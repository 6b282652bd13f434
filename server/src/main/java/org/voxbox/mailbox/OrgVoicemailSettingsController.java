package org.voxbox.mailbox;

import java.util.List;

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
import org.voxbox.directory.DirectorySettings;
import org.voxbox.web.ErrorCode;
import org.voxbox.web.Texts;

/**
 * The organisation's voicemail settings at the Webex path, with one Voxbox extension so far: where callers who
 * press 0 may be transferred ({@code transferToNumberRules}), readable and writable by an administrator of the
 * organisation only. The Webex fields (message expiry, forwarding) arrive with the behaviour behind them.
 */
@RestController
@Tag(name = "Voicemail settings")
class OrgVoicemailSettingsController {

	private final TransferPolicies policies;

	private final TransferPolicyUpdate updates;

	private final DirectorySettings directory;

	OrgVoicemailSettingsController(TransferPolicies policies, TransferPolicyUpdate updates, DirectorySettings directory) {
		this.policies = policies;
		this.updates = updates;
		this.directory = directory;
	}

	/**
	 * Where callers may be transferred, besides the extensions of the organisation's people (always) and never to
	 * premium-rate or shared-cost numbers or feature codes. In a PUT only the fields sent change, and
	 * {@code allowedPrefixes} replaces the list; {@code phoneRegion} ({@code voxbox.directory.phone-region}, absent
	 * when none is configured) is read-only.
	 */
	record TransferToNumberRules(@Nullable Boolean nationalNumbersEnabled, @Nullable List<String> allowedPrefixes,
			@Nullable String phoneRegion) {
	}

	record OrgVoicemailSettings(@Nullable TransferToNumberRules transferToNumberRules) {
	}

	@GetMapping(path = "/v1/telephony/config/voicemail/settings", produces = "application/json")
	@Operation(summary = "The organisation's voicemail settings: where callers may be transferred (administrator)")
	OrgVoicemailSettings get(@AuthenticationPrincipal Caller caller) {
		caller.requireAdmin();
		TransferPolicy policy = policies.load(caller.orgId());
		return new OrgVoicemailSettings(new TransferToNumberRules(policy.nationalNumbers(), policy.allowedPrefixes(),
				directory.phoneRegion().isEmpty() ? null : directory.phoneRegion()));
	}

	@PutMapping(path = "/v1/telephony/config/voicemail/settings", consumes = "application/json")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Change the organisation's voicemail settings (administrator); only the fields sent change")
	void put(@AuthenticationPrincipal Caller caller, @RequestBody OrgVoicemailSettings update) {
		caller.requireAdmin();
		TransferToNumberRules rules = update.transferToNumberRules();
		if (rules == null) {
			return;
		}
		try {
			updates.change(caller, Channel.API, policy -> {
				TransferPolicy after = policy;
				if (rules.nationalNumbersEnabled() != null) {
					after = after.withNationalNumbers(rules.nationalNumbersEnabled());
				}
				if (rules.allowedPrefixes() != null) {
					after = after.withAllowedPrefixes(rules.allowedPrefixes());
				}
				return after;
			});
		}
		catch (IllegalArgumentException ex) {
			throw ErrorCode.INVALID_FIELD.exception(
					Texts.get("mailbox", "error.transferPolicyInvalid", caller.locale(), ex.getMessage()));
		}
	}
}
