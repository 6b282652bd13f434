package org.voxbox.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.voxbox.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The embedded default: SQLite in WAL mode with full syncs, and the pepper kept readable by its owner only. */
class EmbeddedStorageTest extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataDirectory data;

	@BeforeEach
	void onlyOnSqlite() {
		assumeFalse(onPostgres(), "checks the embedded SQLite database; the PostgreSQL run has none");
	}

	@Test
	void databaseFileIsCreatedInTheDataDirectoryInWalModeWithFullSync() {
		assertThat(data.root().resolve("voxbox.db")).exists();
		assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
		assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void pepperIsGeneratedOnceAndReadableByItsOwnerOnly() throws Exception {
		Path pepper = data.root().resolve("pin-pepper");
		assertThat(pepper).exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pepper))).isEqualTo("rw-------");
		String first = Files.readString(pepper);
		assertThat(data.secret("pin-pepper", 32)).hasSize(32);
		assertThat(Files.readString(pepper)).isEqualTo(first);
	}

	@Test
	void aGeneratedSecretIsWholeOwnerOnlyAndLeavesNoTemporaryFileBehind() throws Exception {
		String name = "test-secret-" + unique();
		byte[] secret = data.secret(name, 32);
		Path file = data.root().resolve(name);
		assertThat(Files.readString(file)).hasSize(64);
		assertThat(data.readSecret(name)).hasValue(secret);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var files = Files.list(data.root())) {
			assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(name) && !n.equals(name)))
				.as("temporary files left behind").isEmpty();
		}
		assertThat(data.readSecret("no-such-secret-" + unique())).isEmpty();
	}
}
