package org.voxbox.storage;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Builds the one {@link DataSource}: the embedded SQLite file in WAL mode by default, or the configured
 * JDBC URL (PostgreSQL) when {@code voxbox.storage.db-url} is set.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

	@Bean
	DataDirectory dataDirectory(StorageSettings settings) {
		return new DataDirectory(settings.dataDir());
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(StorageSettings settings, DataDirectory dataDirectory) {
		HikariConfig hikari = new HikariConfig();
		hikari.setPoolName("voxbox");
		hikari.setMaximumPoolSize(settings.poolSize());
		if (settings.poolMinIdle() != null && settings.poolMinIdle() < settings.poolSize()) {
			hikari.setMinimumIdle(settings.poolMinIdle());
			hikari.setIdleTimeout(10_000);
		}
		if (settings.embedded()) {
			Path file = sqliteFile(dataDirectory);
			hikari.setJdbcUrl("jdbc:sqlite:" + file);
			hikari.setDataSourceProperties(sqlite(settings, true).toProperties());
			log.info("Using the embedded SQLite database {}", file);
		}
		else {
			hikari.setJdbcUrl(settings.dbUrl());
			hikari.setUsername(settings.dbUser());
			hikari.setPassword(settings.dbPassword());
			if (settings.dbUrl().startsWith("jdbc:postgresql:")) {
				// PostgreSQL puts a refused row's values in its errors ("Failing row contains …"): a caller's number,
				// a PIN verifier, megabytes of audio. Keep them out of exceptions and so out of the log.
				hikari.addDataSourceProperty("logServerErrorDetail", "false");
			}
			log.info("Using the database at {}", redact(settings.dbUrl()));
		}
		return new HikariDataSource(hikari);
	}

	/**
	 * On SQLite, Flyway migrates over a connection of its own with foreign keys off: changing a table there means
	 * making a new one, copying and dropping the old one (https://sqlite.org/lang_altertable.html#otheralter), and
	 * with foreign keys on, dropping a parent table deletes its children's rows through ON DELETE CASCADE.
	 * {@link SqliteForeignKeyCheck} checks every key after each migration instead.
	 */
	@Bean
	FlywayConfigurationCustomizer sqliteMigrationConnection(StorageSettings settings, DataDirectory dataDirectory) {
		return configuration -> {
			if (settings.embedded()) {
				SQLiteDataSource migrations = new SQLiteDataSource(sqlite(settings, false));
				migrations.setUrl("jdbc:sqlite:" + sqliteFile(dataDirectory));
				configuration.dataSource(migrations);
			}
		};
	}

	@Bean
	SqliteForeignKeyCheck sqliteForeignKeyCheck() {
		return new SqliteForeignKeyCheck();
	}

	private static Path sqliteFile(DataDirectory dataDirectory) {
		return dataDirectory.root().resolve("voxbox.db");
	}

	private static SQLiteConfig sqlite(StorageSettings settings, boolean foreignKeys) {
		SQLiteConfig sqlite = new SQLiteConfig();
		sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
		sqlite.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(settings.sqliteSynchronous().toUpperCase()));
		sqlite.enforceForeignKeys(foreignKeys);
		sqlite.setBusyTimeout(15_000);
		// Take the write lock when a transaction begins: WAL readers never block, and writers queue on the
		// busy timeout instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
		sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		return sqlite;
	}

	@Bean
	JdbcTemplate jdbcTemplate(DataSource dataSource, StorageSettings settings) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		if (settings.embedded()) {
			template.setExceptionTranslator(new SqliteErrors(template.getExceptionTranslator()));
		}
		return template;
	}

	/** Drops any query string, where a password could hide. */
	private static String redact(String url) {
		int q = url.indexOf('?');
		return q < 0 ? url : url.substring(0, q) + "?…";
	}
}
