package org.voxbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database a test run stores in. {@code bin/test} runs the storing tests twice: on the embedded SQLite, and
 * with the system property {@code voxbox.test.db-url} naming a PostgreSQL database (with {@code
 * voxbox.test.db-user} and {@code voxbox.test.db-password}). Test classes that need an empty database of their
 * own get a fresh one on that server with {@link #freshPostgres(String)}.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	/** The PostgreSQL server of this run, when it is the PostgreSQL run. */
	public record Postgres(String url, String user, String password) {

		public Connection connect() throws SQLException {
			return DriverManager.getConnection(url, user, password);
		}

		/** The same server's database {@code name}. */
		public Postgres database(String name) {
			int slash = url.lastIndexOf('/');
			int query = url.indexOf('?', slash);
			return new Postgres(url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query)), user, password);
		}

		/** The name of this database. */
		String name() {
			int slash = url.lastIndexOf('/');
			int query = url.indexOf('?', slash);
			return url.substring(slash + 1, query < 0 ? url.length() : query);
		}
	}

	/** The PostgreSQL of this run, or empty in the SQLite run. */
	public static Optional<Postgres> postgres() {
		String url = System.getProperty("voxbox.test.db-url");
		if (url == null || url.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new Postgres(url, System.getProperty("voxbox.test.db-user", "voxbox"),
				System.getProperty("voxbox.test.db-password", "voxbox")));
	}

	public static boolean onPostgres() {
		return postgres().isPresent();
	}

	/**
	 * A new, empty database on this run's PostgreSQL server, named after the run's database and {@code name} —
	 * {@code voxbox_test_<name>} in {@code bin/test}'s run — and dropped first if an earlier run left it. So two runs
	 * on one server with databases of their own never drop each other's. The run's user may create databases
	 * ({@code bin/test} makes it so).
	 */
	public static Postgres freshPostgres(String name) {
		Postgres server = postgres().orElseThrow(() -> new IllegalStateException("not the PostgreSQL run"));
		String database = (server.name() + "_" + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
		if (database.length() > 63) {
			throw new IllegalStateException("a test database name longer than PostgreSQL's 63 bytes: " + database);
		}
		try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create the test database " + database, ex);
		}
		return server.database(database);
	}

	/**
	 * Points a test class's application at a fresh PostgreSQL database of its own in the PostgreSQL run (nothing in
	 * the SQLite run, where its data directory is its own already).
	 */
	public static void register(DynamicPropertyRegistry registry, String name) {
		if (onPostgres()) {
			Postgres database = freshPostgres(name);
			registry.add("voxbox.storage.db-url", database::url);
			registry.add("voxbox.storage.db-user", database::user);
			registry.add("voxbox.storage.db-password", database::password);
		}
	}
}
