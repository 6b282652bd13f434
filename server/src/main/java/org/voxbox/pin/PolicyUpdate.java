package org.voxbox.pin;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.voxbox.directory.Organisations;
import org.voxbox.pinpolicy.PinCheck;
import org.voxbox.pinpolicy.PinChecker;
import org.voxbox.pinpolicy.PinHistory;
import org.voxbox.pinpolicy.PinOwner;
import org.voxbox.pinpolicy.PinPolicy;

/**
 * Saving an organisation's PIN policy, from the API or the portal: the government flag, the policy, and the
 * organisation default PIN, which must itself pass the policy and is stored only as a verifier.
 */
@Component
class PolicyUpdate {

	private final PinPolicies policies;

	private final Organisations organisations;

	private final PinHasher hasher;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PolicyUpdate(PinPolicies policies, Organisations organisations, PinHasher hasher, TransactionTemplate transaction,
			Clock clock) {
		this.policies = policies;
		this.organisations = organisations;
		this.hasher = hasher;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * A new policy for an organisation.
	 *
	 * @param policy the rules; its history depth is replaced by {@code historyOverride} or the system default
	 * @param historyOverride the organisation's own history depth, or null for the system default of its kind
	 * @param defaultPin a new default PIN, or null to keep the stored one (when {@code defaultPinEnabled})
	 */
	record Change(PinPolicy policy, @Nullable Integer historyOverride, boolean government, boolean defaultPinEnabled,
			@Nullable String defaultPin) {

		@Override
		public String toString() {
			return "Change[" + policy + ", government=" + government + "]";
		}
	}

	/** The history depth the organisation gets for a change: its own, or the system default of its kind. */
	int depthFor(Change change) {
		return change.historyOverride() == null ? policies.systemHistoryDepth(change.government()) : change.historyOverride();
	}

	/**
	 * @throws PinRejected when the new default PIN breaks the policy
	 * @throws org.voxbox.web.ApiException 400 when the default PIN is switched on without one, or a setting is out
	 * of range
	 */
	void save(UUID orgId, Locale locale, Change change) {
		PinPolicies.Stored stored = policies.load(orgId);
		PinPolicy policy;
		try {
			policy = change.policy().withHistoryDepth(depthFor(change));
		}
		catch (IllegalArgumentException ex) {
			throw PinErrors.invalid(locale, "error.policyInvalid", ex.getMessage());
		}
		String verifier = change.defaultPinEnabled() ? stored.defaultPinVerifier() : null;
		if (change.defaultPinEnabled() && change.defaultPin() != null && !change.defaultPin().isEmpty()) {
			verifier = defaultPinVerifier(change.defaultPin(), policy, locale);
		}
		if (change.defaultPinEnabled() && verifier == null) {
			throw PinErrors.invalid(locale, "error.defaultPinRequired");
		}
		String finalVerifier = verifier;
		transaction.executeWithoutResult(status -> {
			if (change.government() != stored.government()) {
				organisations.setGovernment(orgId, change.government());
			}
			policies.save(orgId, policy, change.historyOverride(), change.defaultPinEnabled(), finalVerifier);
		});
	}

	/** The default PIN must itself pass the policy (no name or number to compare with, no history). */
	private String defaultPinVerifier(String pin, PinPolicy policy, Locale locale) {
		PinCheck check = new PinChecker(policy).check(pin, null, new PinOwner("", "", null, null), PinHistory.none(),
				clock.instant());
		if (!check.valid()) {
			throw new PinRejected(check.violations(), policy, locale);
		}
		try {
			return hasher.hash(pin, PinHasher.newSalt());
		}
		catch (PinHasher.HashingBusy busy) {
			throw PinErrors.busy(locale, 1);
		}
	}
}
