package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.util.UUID;

import org.voxbox.pin.PhonePin;

/**
 * A new PIN by phone: typed, then typed again, each ending in {@code #}, and set by {@link PhonePin} under the
 * organisation's policy (as in the portal: history, audit). A refused PIN is explained rule by rule ("That PIN
 * cannot be used. It repeats a group of digits.") and asked for again. Forced right after the PIN when that was
 * a default, administrator-set or expired one — then it cannot be skipped — or chosen from the main menu, when
 * {@code *} cancels it at either entry.
 *
 * <p>Called on the call executor inside {@link Announcer#handle}; the PIN is set in an event of its own.
 */
final class PinChangeMenu implements Menu {

	private enum Step {
		NEW_PIN, REPEAT_PIN, CHECKING
	}

	private final Announcer announcer;

	private final PhonePin phonePin;

	private final UUID owner;

	private final boolean forced;

	private final Runnable changed;

	private final Runnable cancelled;

	private final DigitEntry digits = new DigitEntry();

	private Step step = Step.NEW_PIN;

	/** The new PIN as first typed, until it has been typed again. */
	private String first = "";

	/**
	 * @param forced whether the PIN must be changed before anything else: then {@code *} does not cancel
	 * @param changed run once the new PIN is set
	 * @param cancelled run when the caller pressed {@code *} (never when forced)
	 */
	PinChangeMenu(Announcer announcer, PhonePin phonePin, UUID owner, boolean forced, Runnable changed,
			Runnable cancelled) {
		this.announcer = announcer;
		this.phonePin = phonePin;
		this.owner = owner;
		this.forced = forced;
		this.changed = changed;
		this.cancelled = cancelled;
	}

	/** Asks for the new PIN, saying first that it must be changed when it must. */
	void start() {
		byte[] ask = announcer.prompt("new_pin");
		announcer.play(forced ? Playback.concat(announcer.prompt("must_change_phone"), ask) : ask);
	}

	@Override
	public void key(char key) {
		if (step == Step.CHECKING) {
			return; // the new PIN is being set
		}
		if (key == '*' && !forced) {
			digits.clear();
			cancelled.run();
			return;
		}
		String entered = digits.add(key);
		if (entered == null) {
			return;
		}
		if (step == Step.NEW_PIN) {
			first = entered;
			step = Step.REPEAT_PIN;
			announcer.play(announcer.prompt("repeat_pin"));
			return;
		}
		step = Step.CHECKING;
		String pin = first;
		first = "";
		announcer.slowly(() -> phonePin.change(owner, pin, entered), this::answered);
	}

	@Override
	public boolean awaitsKey() {
		return step != Step.CHECKING;
	}

	@Override
	public String step() {
		return step.name();
	}

	private void answered(PhonePin.Result result) {
		if (result.changed()) {
			changed.run();
			return;
		}
		// Say which rules the PIN broke, then ask again.
		ByteArrayOutputStream reasons = new ByteArrayOutputStream();
		reasons.writeBytes(announcer.prompt("pin_not_accepted"));
		result.violations().forEach(rule -> reasons.writeBytes(announcer.prompt("rule_" + rule.name())));
		reasons.writeBytes(announcer.prompt("new_pin"));
		step = Step.NEW_PIN;
		announcer.play(reasons.toByteArray());
	}
}
