package org.voxbox.telephony;

import java.net.Inet6Address;

import javax.sip.Dialog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transfers a caller to the mailbox's transfer number (they pressed 0): a REFER within the dialog whose
 * {@code Refer-To} is {@code sip:<number>@<the PBX>} — {@code voxbox.sip.transfer-host}, else the address the
 * INVITE came from, never a host the caller wrote in {@code From} — so the PBX places the call. The recording
 * is dropped; once the REFER is answered, whatever the answer, Voxbox hangs up.
 */
final class Transfer {

	private static final Logger log = LoggerFactory.getLogger(Transfer.class);

	private final SipSettings settings;

	private final SipTransport transport;

	private final Calls calls;

	Transfer(SipSettings settings, SipTransport transport, Calls calls) {
		this.settings = settings;
		this.transport = transport;
		this.calls = calls;
	}

	/** Sends the REFER, once per call. On the call executor. */
	void to(Call call, String number) {
		Dialog dialog = call.dialog;
		Deposit deposit = call.deposit;
		if (dialog == null || call.ended.get() || !call.transferring.compareAndSet(false, true)) {
			return;
		}
		if (deposit != null) {
			deposit.discard();
		}
		String host = !settings.transferHost().isEmpty() ? settings.transferHost()
				: call.source instanceof Inet6Address ? "[" + call.source.getHostAddress() + "]"
				: call.source.getHostAddress();
		try {
			transport.refer(dialog, number, host);
		}
		catch (Exception ex) {
			log.warn("cannot transfer a caller: {}", ex.toString());
		}
	}

	/** The final answer to a call's REFER came: accepted, the PBX places the new call; refused, nothing to keep. */
	void answered(String callId) {
		Call call = calls.get(callId);
		if (call != null && call.transferring.get()) {
			calls.end(call, Calls.Ending.HUNG_UP);
		}
	}
}
