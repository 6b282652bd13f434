package org.voxbox.mailbox;

/**
 * The rules a transfer destination can break, each with the stable {@linkplain #errorCode() error code} the API
 * answers with (after the PIN rules' 4101–4117). The constant names and the codes are the contract; texts may
 * change.
 */
enum TransferRule {
	/** Holds {@code *} or {@code #}: a feature code of the PBX. Never allowed. */
	FEATURE_CODE(4201),
	/** Neither an extension of a person of the organisation nor a number libphonenumber knows to be valid. */
	NOT_A_NUMBER(4202),
	/** A premium-rate number. Never allowed, whatever the prefixes. */
	PREMIUM_RATE(4203),
	/** A shared-cost number. Never allowed, whatever the prefixes. */
	SHARED_COST(4204),
	/**
	 * Not a fixed, mobile or toll-free number (a UAN, VoIP, personal, pager or voicemail-access number, or one of
	 * unknown type), and not under an allowed prefix.
	 */
	SPECIAL_NUMBER(4205),
	/** A number of another region than {@code voxbox.directory.phone-region}, not under an allowed prefix. */
	INTERNATIONAL(4206),
	/** A national number while the organisation has switched national numbers off, not under an allowed prefix. */
	NATIONAL_NUMBERS_OFF(4207);

	private final int errorCode;

	TransferRule(int errorCode) {
		this.errorCode = errorCode;
	}

	int errorCode() {
		return errorCode;
	}
}
