package org.voxbox.storage;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Voxbox keeps its data ({@code voxbox.storage.*}).
 *
 * @param dataDir directory for the embedded database and generated secrets; created on first start
 * @param dbUrl a JDBC URL; empty means the embedded SQLite database under {@code dataDir}
 * @param dbUser database user for {@code dbUrl}
 * @param dbPassword database password for {@code dbUrl}
 * @param poolSize the most connections to hold open
 * @param poolMinIdle the fewest connections to keep open while idle (0 to {@code poolSize}, default {@code poolSize}):
 *        lower it when many nodes or processes share one PostgreSQL server's {@code max_connections}; connections
 *        above it are closed after 10 s idle
 * @param sqliteSynchronous SQLite's {@code synchronous} pragma: FULL survives power loss, NORMAL only process death
 */
@ConfigurationProperties("voxbox.storage")
public record StorageSettings(
		@DefaultValue("./data") Path dataDir,
		@Nullable String dbUrl,
		@Nullable String dbUser,
		@Nullable String dbPassword,
		@DefaultValue("8") int poolSize,
		@Nullable Integer poolMinIdle,
		@DefaultValue("FULL") String sqliteSynchronous) {

	public StorageSettings {
		if (poolSize < 1 || poolSize > 200) {
			throw new IllegalArgumentException("voxbox.storage.pool-size must be 1–200: " + poolSize);
		}
		if (poolMinIdle != null && (poolMinIdle < 0 || poolMinIdle > poolSize)) {
			throw new IllegalArgumentException(
					"voxbox.storage.pool-min-idle must be 0 to voxbox.storage.pool-size (" + poolSize + "): " + poolMinIdle);
		}
		if (!sqliteSynchronous.matches("(?i)OFF|NORMAL|FULL|EXTRA")) {
			throw new IllegalArgumentException("voxbox.storage.sqlite-synchronous must be OFF, NORMAL, FULL or EXTRA: " + sqliteSynchronous);
		}
	}

	boolean embedded() {
		return dbUrl == null || dbUrl.isBlank();
	}
}
