package org.voxbox.pin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.voxbox.ApiTest;
import org.voxbox.storage.DataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PIN pepper at start, against the running app's data directory and database: with PINs stored, a missing
 * or changed pepper stops the start with a message saying what to restore, and no new pepper is generated.
 */
class PinPepperTest extends ApiTest {

	@Autowired
	DataDirectory data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PinSettings settings;

	@Autowired
	PinPepper pepper;

	private Path pepperFile() {
		return data.root().resolve(PinPepper.FILE);
	}

	/** Runs {@code change} with the pepper file moved aside, and puts the original back as it was (mode included). */
	private void withPepperFileAside(ThrowingRunnable change) throws Exception {
		Path aside = data.root().resolve(PinPepper.FILE + ".aside");
		boolean present = Files.exists(pepperFile());
		if (present) {
			Files.move(pepperFile(), aside);
		}
		try {
			change.run();
		}
		finally {
			Files.deleteIfExists(pepperFile());
			if (present) {
				Files.move(aside, pepperFile());
			}
		}
	}

	interface ThrowingRunnable {

		void run() throws Exception;
	}

	private void withPinsStored() {
		TestPerson p = voicemailUser("Pep", "Per", "en");
		assertThat(setOwnPin(p, validPins(1, 77).get(0)).status()).isEqualTo(204);
	}

	@Test
	void theRunningPepperMatchesTheCheckValueStoredInTheDatabase() {
		withPinsStored();
		String stored = jdbc.sql("SELECT verifier FROM pin_pepper_check WHERE id = 1").query(String.class).single();
		assertThat(stored).isEqualTo(PinPepper.check(pepper.key())).matches("[0-9a-f]{64}");
		assertThat(PinPepper.resolve(settings.pepper(), data, jdbc)).isEqualTo(pepper.key());
	}

	@Test
	void aMissingPepperFileWithPinsStoredRefusesToStartAndGeneratesNone() throws Exception {
		withPinsStored();
		withPepperFileAside(() -> {
			assertThatThrownBy(() -> PinPepper.resolve(null, data, jdbc)).isInstanceOf(PinPepper.WrongPepper.class)
				.hasMessageContaining(pepperFile().toString())
				.hasMessageContaining("is missing")
				.hasMessageContaining("restore the file from your backup");
			assertThat(pepperFile()).as("no new pepper generated").doesNotExist();
		});
	}

	@Test
	void aChangedPepperRefusesToStart() throws Exception {
		withPinsStored();
		String other = HexFormat.of().formatHex(new byte[32]);
		assertThatThrownBy(() -> PinPepper.resolve(other, data, jdbc)).isInstanceOf(PinPepper.WrongPepper.class)
			.hasMessageContaining("voxbox.pin.pepper")
			.hasMessageContaining("is not the one the stored PINs were made with")
			.hasMessageNotContaining(other);

		withPepperFileAside(() -> {
			Files.writeString(pepperFile(), other);
			assertThatThrownBy(() -> PinPepper.resolve(null, data, jdbc)).isInstanceOf(PinPepper.WrongPepper.class)
				.hasMessageContaining(pepperFile().toString());
		});
	}
}
