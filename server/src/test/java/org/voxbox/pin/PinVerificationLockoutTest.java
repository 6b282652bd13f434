package org.voxbox.pin;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.voxbox.ApiTest;
import org.voxbox.directory.Channel;
import org.voxbox.directory.People;
import org.voxbox.mailbox.Mailboxes;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lockout and a PIN check's verdict are decided together: a right PIN whose slow hash was still running when
 * other attempts locked the mailbox does not open it, and does not wipe out the failures that locked it. The
 * race is made certain with a hasher that holds its answer until the test lets it go; everything else (the
 * database, the policy, the other attempts) is the application's own.
 */
class PinVerificationLockoutTest extends ApiTest {

	@Autowired
	PinVerification verification;

	@Autowired
	People people;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	PinPolicies policies;

	@Autowired
	PinCredentials credentials;

	@Autowired
	PinSettings settings;

	@Autowired
	PinPepper pepper;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Clock applicationClock;

	@Autowired
	JdbcClient jdbc;

	/** The application's hasher, except that it holds each verdict until {@link #release} opens. */
	static final class HeldHasher extends PinHasher {

		final CountDownLatch hashed = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		HeldHasher(PinSettings settings, PinPepper pepper, MeterRegistry meters) {
			super(settings, pepper, meters);
		}

		@Override
		boolean matches(String pin, String verifier) {
			boolean matches = super.matches(pin, verifier);
			hashed.countDown();
			try {
				if (!release.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the test never released the held verdict");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			return matches;
		}
	}

	@Test
	void aRightPinStillBeingCheckedWhenTheMailboxLocksIsRefusedAndTheMailboxStaysLocked() throws Exception {
		TestPerson owner = voicemailUser("Lot", "Slot", "en");
		UUID id = PublicId.PEOPLE.decode(owner.id()).orElseThrow();
		assertThat(setOwnPin(owner, "730519").status()).isEqualTo(204);
		HeldHasher held = new HeldHasher(settings, pepper, meters);
		try {
			PinVerification slow = new PinVerification(people, mailboxes, policies, credentials, held, events, transaction,
					applicationClock);
			// The right PIN: read, hashed and found matching, its verdict held back…
			CompletableFuture<PinVerification.Outcome> right = CompletableFuture
				.supplyAsync(() -> slow.verify(id, "730519", Channel.PHONE));
			assertThat(held.hashed.await(30, TimeUnit.SECONDS)).as("the right PIN was hashed").isTrue();
			// …while three wrong ones, elsewhere, lock the mailbox.
			assertThat(verification.verify(id, "000001", Channel.PHONE)).isEqualTo(PinVerification.Outcome.REJECTED);
			assertThat(verification.verify(id, "000002", Channel.PHONE)).isEqualTo(PinVerification.Outcome.REJECTED);
			assertThat(verification.verify(id, "000003", Channel.PHONE))
				.isEqualTo(PinVerification.Outcome.REJECTED_NOW_LOCKED);
			held.release.countDown();

			assertThat(right.get(30, TimeUnit.SECONDS)).as("the verdict on the right PIN that started first")
				.isEqualTo(PinVerification.Outcome.LOCKED);
			assertThat(locked(id)).as("locked").isTrue();
			assertThat(failedAttempts(id)).as("the failures that locked it").isEqualTo(3);
			assertThat(verification.verify(id, "730519", Channel.PHONE)).isEqualTo(PinVerification.Outcome.LOCKED);
		}
		finally {
			held.release.countDown();
			held.destroy();
		}
	}

	private boolean locked(UUID id) {
		return jdbc.sql("SELECT locked FROM pin_credential WHERE person_id = :p").param("p", id.toString())
			.query(Boolean.class)
			.single();
	}

	private int failedAttempts(UUID id) {
		return jdbc.sql("SELECT failed_attempts FROM pin_credential WHERE person_id = :p").param("p", id.toString())
			.query(Integer.class)
			.single();
	}
}
