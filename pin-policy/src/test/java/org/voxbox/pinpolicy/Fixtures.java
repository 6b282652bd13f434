package org.voxbox.pinpolicy;

import java.time.Instant;

/** Owners, histories and instants shared by the tests, named after their state. */
final class Fixtures {

	static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

	private Fixtures() {
	}

	/** Jan Jansen, extension 4721, phone +31 20 123 4567: "Jansen" is 526736 on the keypad. */
	static PinOwner janJansenWithExtensionAndPhone() {
		return new PinOwner("Jan", "Jansen", "4721", "+31201234567");
	}

	/** Someone whose name spells nothing that could collide and who has no numbers. */
	static PinOwner ownerWithoutNumbers() {
		return new PinOwner("Иван", "Петров", null, null);
	}

	static PinChecker defaultChecker() {
		return new PinChecker(PinPolicy.defaults());
	}
}
