package org.voxbox.mailbox;

import java.util.function.UnaryOperator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.voxbox.directory.Caller;
import org.voxbox.directory.Channel;

/**
 * Changing an organisation's transfer policy, from the API or the portal: the new policy is saved and announced
 * (for the audit trail) in one transaction, or nothing happens when it is the policy already in force.
 */
@Component
class TransferPolicyUpdate {

	private final TransferPolicies policies;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	TransferPolicyUpdate(TransferPolicies policies, ApplicationEventPublisher events, TransactionTemplate transaction) {
		this.policies = policies;
		this.events = events;
		this.transaction = transaction;
	}

	/**
	 * Applies {@code change} to the policy of the caller's organisation. The caller must be its administrator
	 * (checked by the edge).
	 *
	 * @throws IllegalArgumentException from {@code change}, naming the bad value; nothing is saved
	 */
	void change(Caller caller, Channel channel, UnaryOperator<TransferPolicy> change) {
		transaction.executeWithoutResult(status -> {
			TransferPolicy before = policies.load(caller.orgId());
			TransferPolicy after = change.apply(before);
			if (!after.equals(before)) {
				policies.save(caller.orgId(), after);
				events.publishEvent(new TransferPolicyChanged(caller.orgId(), caller.personId(), channel, before.describe(),
						after.describe()));
			}
		});
	}
}
