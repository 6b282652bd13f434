package org.voxbox.pin;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Channel;
import org.voxbox.directory.Organisations;
import org.voxbox.pinpolicy.PinCheck;
import org.voxbox.pinpolicy.PinChecker;
import org.voxbox.pinpolicy.PinHistory;
import org.voxbox.pinpolicy.PinOwner;
import org.voxbox.pinpolicy.PinPolicy;

/**
 * Saving an organisation's PIN policy, from the API or the portal: the government flag, the policy, and the
 * organisation default PIN, which must itself pass the policy and is stored only as a verifier. A change is
 * announced ({@link PinPolicyChanged}) with the settings that changed, for the audit trail.
 */
@Component
class PolicyUpdate {

	private final PinPolicies policies;

	private final Organisations organisations;

	private final PinHasher hasher;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	PolicyUpdate(PinPolicies policies, Organisations organisations, PinHasher hasher, TransactionTemplate transaction,
			Clock clock, ApplicationEventPublisher events) {
		this.policies = policies;
		this.organisations = organisations;
		this.hasher = hasher;
		this.transaction = transaction;
		this.clock = clock;
		this.events = events;
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
	void save(Caller caller, Channel channel, Change change) {
		UUID orgId = caller.orgId();
		Locale locale = caller.locale();
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
			Map<String, Object> before = settings(stored.policy(), stored.historyOverride(), stored.government(),
					stored.defaultPinEnabled());
			Map<String, Object> after = settings(policy, change.historyOverride(), change.government(),
					change.defaultPinEnabled());
			before.keySet().removeIf(name -> Objects.equals(before.get(name), after.get(name)));
			after.keySet().retainAll(before.keySet());
			if (!Objects.equals(finalVerifier, stored.defaultPinVerifier()) && finalVerifier != null) {
				before.put("defaultPin", stored.defaultPinVerifier() == null ? "none" : "set");
				after.put("defaultPin", "replaced");
			}
			if (!before.isEmpty()) {
				events.publishEvent(new PinPolicyChanged(orgId, caller.personId(), channel, describe(before), describe(after)));
			}
		});
	}

	/** Every setting of a policy by name, the rules as a sorted list; never a PIN. */
	private static Map<String, Object> settings(PinPolicy policy, @Nullable Integer historyOverride, boolean government,
			boolean defaultPinEnabled) {
		Map<String, Object> settings = new LinkedHashMap<>();
		for (RecordComponent component : PinPolicy.class.getRecordComponents()) {
			try {
				Object value = component.getAccessor().invoke(policy);
				settings.put(component.getName(), value instanceof java.util.Set<?> set
						? set.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)) : value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		settings.put("historyOverride", historyOverride == null ? "systemDefault" : historyOverride);
		settings.put("government", government);
		settings.put("defaultPinEnabled", defaultPinEnabled);
		return settings;
	}

	/** {@code name=value; …}, cut to the audit's 400 characters. */
	private static String describe(Map<String, Object> settings) {
		String text = settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
		return text.length() <= 400 ? text : text.substring(0, 399) + "…";
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
