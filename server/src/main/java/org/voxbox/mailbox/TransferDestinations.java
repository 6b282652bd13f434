package org.voxbox.mailbox;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.voxbox.directory.DirectorySettings;
import org.voxbox.directory.People;

/**
 * Checks a transfer destination against its organisation's current policy, for a change of a person's transfer
 * number and again when a caller presses 0. Blocks on the database.
 */
@Component
class TransferDestinations {

	private final TransferPolicies policies;

	private final People people;

	private final TransferRules rules;

	TransferDestinations(TransferPolicies policies, People people, DirectorySettings directory) {
		this.policies = policies;
		this.people = people;
		this.rules = new TransferRules(directory.phoneRegion());
	}

	/** The rule that refuses {@code destination} in organisation {@code orgId} now, or empty when it is allowed. */
	Optional<TransferRule> refusal(UUID orgId, String destination) {
		return rules.refusal(destination, policies.load(orgId), extension -> people.hasExtension(orgId, extension));
	}

	/** @throws TransferRefused when the organisation's policy refuses {@code destination} */
	void require(UUID orgId, String destination, Locale locale) {
		Optional<TransferRule> refusal = refusal(orgId, destination);
		if (refusal.isPresent()) {
			throw new TransferRefused(refusal.get(), locale);
		}
	}
}
