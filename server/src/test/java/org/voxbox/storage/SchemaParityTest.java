package org.voxbox.storage;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.voxbox.TestDatabases;
import org.voxbox.TestDatabases.Postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * SQLite and PostgreSQL hold the same schema and refuse the same values, so what works on the embedded SQLite
 * works in production (a VARCHAR(16) that SQLite ignored and PostgreSQL enforced once lost every message). Both
 * are migrated from scratch to the latest version and read into one model: per table its columns in order (name,
 * logical type, nullability, default, allowed values), primary key, unique constraints, foreign keys and indexes.
 * The two models must be equal, every SQLite table STRICT and every SQLite text column bounded by a length CHECK.
 * A CHECK the model does not understand fails the test, so no new kind of constraint goes unchecked. Then values
 * PostgreSQL refuses are stored in both, and SQLite must refuse them too.
 */
@Tag("postgresql")
class SchemaParityTest {

	@TempDir
	static Path directory;

	private static Flyway sqliteFlyway;

	private static Flyway postgresqlFlyway;

	private static String sqliteUrl;

	private static Postgres postgres;

	@BeforeAll
	static void migrateBothFromScratch() {
		sqliteUrl = "jdbc:sqlite:" + directory.resolve("voxbox.db");
		// As the application migrates SQLite: foreign keys off, checked after each migration.
		SQLiteDataSource sqlite = new SQLiteDataSource(sqliteConfig(false));
		sqlite.setUrl(sqliteUrl);
		sqliteFlyway = Flyway.configure()
			.dataSource(sqlite)
			.locations("classpath:db/migration/sqlite")
			.callbacks(new SqliteForeignKeyCheck())
			.load();
		sqliteFlyway.migrate();

		postgres = TestDatabases.freshPostgres("schema_parity");
		postgresqlFlyway = Flyway.configure()
			.dataSource(postgres.url(), postgres.user(), postgres.password())
			.locations("classpath:db/migration/postgresql")
			.load();
		postgresqlFlyway.migrate();
	}

	@AfterAll
	static void dropPostgresqlDatabase() throws SQLException {
		if (postgres == null) {
			return;
		}
		String url = postgres.url();
		String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
		try (Connection server = TestDatabases.postgres().orElseThrow().connect();
				Statement statement = server.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
	}

	@Test
	void bothAreMigratedToTheSameLatestVersion() {
		assertThat(sqliteFlyway.info().pending()).as("SQLite migrations not applied").isEmpty();
		assertThat(postgresqlFlyway.info().pending()).as("PostgreSQL migrations not applied").isEmpty();
		assertThat(versions(sqliteFlyway)).isNotEmpty().isEqualTo(versions(postgresqlFlyway));
	}

	@Test
	void sqliteAndPostgresqlSchemasAgreeColumnByColumn() throws SQLException {
		Schema sqlite;
		Schema postgresql;
		try (Connection connection = sqlite()) {
			sqlite = SqliteSchema.read(connection);
		}
		try (Connection connection = postgres.connect()) {
			postgresql = PostgresqlSchema.read(connection);
		}

		assertThat(postgresql.tables()).containsKeys("organisation", "person", "mailbox", "voice_message", "greeting");
		List<String> differences = differences(sqlite, postgresql);
		assertThat(differences)
			.withFailMessage("SQLite and PostgreSQL schemas differ:%n  %s", String.join("\n  ", differences))
			.isEmpty();
	}

	@Test
	void everySqliteTableIsStrictAndBoundsTheLengthOfEveryText() throws SQLException {
		try (Connection connection = sqlite()) {
			Map<String, Boolean> strict = SqliteSchema.tables(connection);
			assertThat(strict).isNotEmpty();
			assertThat(strict).as("SQLite tables that are not STRICT (they take any value in any column)")
				.doesNotContainValue(false);

			List<String> unbounded = new ArrayList<>();
			SqliteSchema.read(connection).tables().forEach((table, model) -> model.columns()
				.stream()
				.filter(column -> column.type().equals("TEXT"))
				.forEach(column -> unbounded.add(table + "." + column.name())));
			assertThat(unbounded).as("SQLite TEXT columns without a CHECK (length(column) <= n)").isEmpty();
		}
	}

	@Test
	void aCheckTheModelDoesNotUnderstandFailsNamingIt() throws SQLException {
		try (Connection connection = sqliteConfig(true).createConnection("jdbc:sqlite::memory:");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE probe (id TEXT NOT NULL PRIMARY KEY CHECK (length(id) <= 36),"
					+ " amount INTEGER NOT NULL CHECK (amount > 0)) STRICT");
			assertThatThrownBy(() -> SqliteSchema.read(connection)).isInstanceOf(AssertionError.class)
				.hasMessageContaining("probe: CHECK (amount > 0)");
		}
		try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA probe");
			try {
				statement.execute("SET search_path = probe");
				statement.execute("CREATE TABLE probe (id VARCHAR(36) NOT NULL PRIMARY KEY, amount INTEGER NOT NULL "
						+ "CONSTRAINT probe_amount_positive CHECK (amount > 0))");
				assertThatThrownBy(() -> PostgresqlSchema.read(connection)).isInstanceOf(AssertionError.class)
					.hasMessageContaining("probe constraint probe_amount_positive: CHECK ((amount > 0))");
			}
			finally {
				statement.execute("DROP SCHEMA probe CASCADE");
			}
		}
	}

	/** A row refused for one column's value, and the value that column takes instead on both databases. */
	record Refusal(String table, String column, Object refused, Object accepted) {

		@Override
		public String toString() {
			String value = refused instanceof String text ? "'" + text + "'" : String.valueOf(refused);
			return table + "." + column + " = " + value;
		}
	}

	static Stream<Refusal> valuesPostgresqlRefuses() {
		return Stream.of(new Refusal("voice_message", "audio_format", "a".repeat(33), "a".repeat(32)),
				new Refusal("voice_message", "urgent", 2, true),
				new Refusal("voice_message", "duration_ms", 2_147_483_648L, 2_147_483_647L),
				new Refusal("mailbox", "busy_greeting", "LOUD", "CUSTOM"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valuesPostgresqlRefuses")
	void aValuePostgresqlRefusesIsRefusedBySqliteToo(Refusal refusal) throws SQLException {
		try (Connection sqlite = sqlite(); Connection postgresql = postgres.connect()) {
			Map<String, Object> sqliteRow = validRow(sqlite, refusal.table());
			Map<String, Object> postgresqlRow = validRow(postgresql, refusal.table());
			sqliteRow.put(refusal.column(), refusal.refused());
			postgresqlRow.put(refusal.column(), refusal.refused());

			assertThatExceptionOfType(SQLException.class).as("PostgreSQL refuses %s", refusal)
				.isThrownBy(() -> insert(postgresql, refusal.table(), postgresqlRow));
			assertThatExceptionOfType(SQLException.class).as("SQLite refuses %s", refusal)
				.isThrownBy(() -> insert(sqlite, refusal.table(), sqliteRow))
				.withMessageContaining("CHECK constraint failed")
				.withMessageContaining(refusal.column());

			// The same rows with an acceptable value are stored: the refusal was the value's doing.
			sqliteRow.put(refusal.column(), refusal.accepted());
			postgresqlRow.put(refusal.column(), refusal.accepted());
			insert(postgresql, refusal.table(), postgresqlRow);
			insert(sqlite, refusal.table(), sqliteRow);
			assertThat(count(postgresql, refusal.table(), postgresqlRow.get("id"))).isOne();
			assertThat(count(sqlite, refusal.table(), sqliteRow.get("id"))).isOne();
		}
	}

	@Test
	void aValueAtTheLengthLimitIsStoredByBoth() throws SQLException {
		String format = "audio/x-wav;codec=ulaw;rate=8000";
		assertThat(format).hasSize(32);
		try (Connection sqlite = sqlite(); Connection postgresql = postgres.connect()) {
			for (Connection connection : List.of(sqlite, postgresql)) {
				Map<String, Object> row = validRow(connection, "voice_message");
				row.put("audio_format", format);
				insert(connection, "voice_message", row);
				assertThat(rows(connection, "SELECT audio_format FROM voice_message WHERE id = ?", row.get("id")))
					.singleElement()
					.isEqualTo(Map.of("audio_format", format));
			}
		}
	}

	// The model.

	/** A database's tables by name, Flyway's history left out. */
	record Schema(SortedMap<String, Table> tables) {
	}

	record Table(List<Column> columns, List<String> primaryKey, Set<List<String>> uniques, Set<ForeignKey> foreignKeys,
			Set<Index> indexes) {
	}

	/**
	 * A column. Its type is TEXT(n), INT32, INT64, BOOLEAN or BLOB; TEXT without a length; else the database's own
	 * name for it, which then differs. {@code allowed} holds the values an enumeration CHECK lets in (empty: any).
	 */
	record Column(String name, String type, boolean nullable, @Nullable String defaultValue, Set<String> allowed) {

		String nullability() {
			return nullable ? "NULL" : "NOT NULL";
		}

		String defaulting() {
			return defaultValue == null ? "no default" : "DEFAULT " + defaultValue;
		}

		String values() {
			if (allowed.isEmpty()) {
				return "any value";
			}
			return new TreeSet<>(allowed).stream()
				.map(value -> "'" + value + "'")
				.collect(Collectors.joining(", ", "IN (", ")"));
		}
	}

	record ForeignKey(List<String> columns, String table, List<String> referenced, String onDelete) {

		@Override
		public String toString() {
			return "foreign key " + columns + " → " + table + " " + referenced + " ON DELETE " + onDelete;
		}
	}

	record Index(String name, List<String> columns, boolean unique) {

		@Override
		public String toString() {
			return (unique ? "unique index " : "index ") + name + " " + columns;
		}
	}

	/** Defaults compared as values: no casts, booleans as 0 and 1. */
	static @Nullable String normalizedDefault(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String normalized = value.trim();
		for (Matcher cast = CAST.matcher(normalized); cast.matches(); cast = CAST.matcher(normalized)) {
			normalized = cast.group(1);
		}
		return switch (normalized.toLowerCase(Locale.ROOT)) {
			case "false" -> "0";
			case "true" -> "1";
			default -> normalized;
		};
	}

	private static final Pattern CAST = Pattern.compile("\\(?(.+?)\\)?::[a-z][a-z0-9_ ]*(\\(\\d+\\))?(\\[])?");

	private static final String VALUE = "'((?:[^']|'')*)'";

	private static Set<String> quotedValues(String list, String suffix) {
		Set<String> values = new LinkedHashSet<>();
		Matcher value = Pattern.compile(VALUE + suffix).matcher(list);
		while (value.find()) {
			values.add(value.group(1).replace("''", "'"));
		}
		return values;
	}

	// Comparing.

	static List<String> differences(Schema sqlite, Schema postgresql) {
		List<String> differences = new ArrayList<>();
		for (String table : union(sqlite.tables().keySet(), postgresql.tables().keySet())) {
			Table inSqlite = sqlite.tables().get(table);
			Table inPostgresql = postgresql.tables().get(table);
			if (inSqlite == null || inPostgresql == null) {
				differences.add(table + ": only in " + (inSqlite == null ? "postgresql" : "sqlite"));
			}
			else {
				differences.addAll(differences(table, inSqlite, inPostgresql));
			}
		}
		return differences;
	}

	private static List<String> differences(String table, Table sqlite, Table postgresql) {
		List<String> differences = new ArrayList<>();
		Map<String, Column> sqliteColumns = byName(sqlite.columns());
		Map<String, Column> postgresqlColumns = byName(postgresql.columns());
		for (String name : union(sqliteColumns.keySet(), postgresqlColumns.keySet())) {
			Column inSqlite = sqliteColumns.get(name);
			Column inPostgresql = postgresqlColumns.get(name);
			String where = table + "." + name;
			if (inSqlite == null || inPostgresql == null) {
				differences.add(where + ": only in " + (inSqlite == null ? "postgresql" : "sqlite"));
				continue;
			}
			differ(differences, where, inSqlite, inPostgresql, Column::type);
			differ(differences, where, inSqlite, inPostgresql, Column::nullability);
			differ(differences, where, inSqlite, inPostgresql, Column::defaulting);
			differ(differences, where, inSqlite, inPostgresql, Column::values);
		}
		if (sqliteColumns.keySet().equals(postgresqlColumns.keySet())) {
			differ(differences, table + " column order", List.copyOf(sqliteColumns.keySet()),
					List.copyOf(postgresqlColumns.keySet()));
		}
		differ(differences, table + " primary key", sqlite.primaryKey(), postgresql.primaryKey());
		differ(differences, table, sqlite.uniques(), postgresql.uniques(), "unique constraint ");
		differ(differences, table, sqlite.foreignKeys(), postgresql.foreignKeys(), "");
		differ(differences, table, sqlite.indexes(), postgresql.indexes(), "");
		return differences;
	}

	/** One line when a column's attribute differs: {@code where: sqlite X, postgresql Y}. */
	private static void differ(List<String> differences, String where, Column sqlite, Column postgresql,
			Function<Column, Object> attribute) {
		differ(differences, where, attribute.apply(sqlite), attribute.apply(postgresql));
	}

	private static void differ(List<String> differences, String where, Object sqlite, Object postgresql) {
		if (!Objects.equals(sqlite, postgresql)) {
			differences.add(where + ": sqlite " + sqlite + ", postgresql " + postgresql);
		}
	}

	/** One line per element of a set that only one of the databases has. */
	private static void differ(List<String> differences, String table, Set<?> sqlite, Set<?> postgresql,
			String kind) {
		onlyIn(sqlite, postgresql).forEach(only -> differences.add(table + " " + kind + only + ": only in sqlite"));
		onlyIn(postgresql, sqlite).forEach(only -> differences.add(table + " " + kind + only + ": only in postgresql"));
	}

	private static List<String> onlyIn(Set<?> these, Set<?> others) {
		return these.stream().filter(element -> !others.contains(element)).map(String::valueOf).sorted().toList();
	}

	private static Map<String, Column> byName(List<Column> columns) {
		Map<String, Column> byName = new LinkedHashMap<>();
		columns.forEach(column -> byName.put(column.name(), column));
		return byName;
	}

	/** The names of the first, then those only the second has, each in its order. */
	private static Set<String> union(Set<String> first, Set<String> second) {
		Set<String> union = new LinkedHashSet<>(first);
		union.addAll(second);
		return union;
	}

	/** Reads SQLite's schema: the pragmas, and the CHECKs parsed out of each table's CREATE TABLE. */
	static final class SqliteSchema {

		private static final String NAME = "[\"`\\[]?(\\w+)[\"`\\]]?";

		private static final Pattern LENGTH = caseless("length\\(" + NAME + "\\) ?<= ?(\\d+)");

		private static final Pattern INT32 = caseless(NAME + " BETWEEN -2147483648 AND 2147483647");

		private static final Pattern ZERO_OR_ONE = caseless(NAME + " IN ?\\(0, ?1\\)");

		private static final Pattern ENUMERATION = caseless(NAME + " IN ?\\((" + VALUE + "(?:, ?" + VALUE + ")*)\\)");

		private static final Pattern CHECK = caseless("\\bCHECK\\s*\\(");

		private static final Pattern COMMENT_OR_STRING = Pattern.compile("('(?:[^']|'')*')|--[^\\n]*|/\\*.*?\\*/",
				Pattern.DOTALL);

		private final Connection connection;

		private final List<String> notUnderstood = new ArrayList<>();

		private SqliteSchema(Connection connection) {
			this.connection = connection;
		}

		static Schema read(Connection connection) throws SQLException {
			SqliteSchema reader = new SqliteSchema(connection);
			SortedMap<String, Table> tables = new TreeMap<>();
			for (String table : tables(connection).keySet()) {
				tables.put(table, reader.table(table));
			}
			if (!reader.notUnderstood.isEmpty()) {
				fail("sqlite: constraints the schema model does not understand (teach SchemaParityTest about them):"
						+ "%n  %s", String.join("\n  ", reader.notUnderstood));
			}
			return new Schema(tables);
		}

		/** The tables, each with whether it is STRICT. */
		static Map<String, Boolean> tables(Connection connection) throws SQLException {
			Map<String, Boolean> tables = new TreeMap<>();
			for (Map<String, Object> table : rows(connection, "SELECT name, strict FROM pragma_table_list "
					+ "WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
					+ "AND name <> 'flyway_schema_history'")) {
				tables.put((String) table.get("name"), number(table, "strict") == 1);
			}
			return tables;
		}

		/** What a column's CHECKs say about it. */
		private static final class Checks {

			@Nullable Integer maxLength;

			boolean int32;

			boolean zeroOrOne;

			@Nullable Set<String> allowed;
		}

		private Table table(String table) throws SQLException {
			List<Map<String, Object>> columns = rows(connection, "SELECT * FROM pragma_table_xinfo(?) ORDER BY cid",
					table);
			Map<String, Checks> checks = new LinkedHashMap<>();
			columns.forEach(column -> checks.put((String) column.get("name"), new Checks()));
			Object sql = rows(connection, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", table)
				.get(0)
				.get("sql");
			for (String check : checks((String) sql)) {
				understand(table, check, checks);
			}

			List<Column> model = new ArrayList<>();
			Map<Integer, String> primaryKey = new TreeMap<>();
			for (Map<String, Object> column : columns) {
				String name = (String) column.get("name");
				if (number(column, "hidden") != 0) {
					notUnderstood.add(table + "." + name + ": a hidden or generated column");
				}
				if (number(column, "pk") > 0) {
					primaryKey.put(number(column, "pk"), name);
				}
				Checks checked = checks.get(name);
				model.add(new Column(name, type(table + "." + name, (String) column.get("type"), checked),
						number(column, "notnull") == 0, normalizedDefault((String) column.get("dflt_value")),
						checked.allowed == null ? Set.of() : checked.allowed));
			}

			Set<List<String>> uniques = new HashSet<>();
			Set<Index> indexes = new HashSet<>();
			for (Map<String, Object> index : rows(connection, "SELECT * FROM pragma_index_list(?)", table)) {
				String name = (String) index.get("name");
				List<String> indexed = rows(connection, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", name)
					.stream()
					.map(column -> Objects.requireNonNullElse((String) column.get("name"), "<expression>"))
					.toList();
				if (number(index, "partial") != 0) {
					notUnderstood.add(table + " index " + name + ": a partial index");
				}
				switch ((String) index.get("origin")) {
					case "pk" -> {
						// the primary key's own index
					}
					case "u" -> uniques.add(indexed);
					default -> indexes.add(new Index(name, indexed, number(index, "unique") != 0));
				}
			}
			return new Table(model, List.copyOf(primaryKey.values()), uniques, foreignKeys(table), indexes);
		}

		private Set<ForeignKey> foreignKeys(String table) throws SQLException {
			Map<Integer, List<Map<String, Object>>> byId = new TreeMap<>();
			for (Map<String, Object> column : rows(connection,
					"SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq", table)) {
				byId.computeIfAbsent(number(column, "id"), id -> new ArrayList<>()).add(column);
			}
			Set<ForeignKey> foreignKeys = new HashSet<>();
			for (List<Map<String, Object>> key : byId.values()) {
				String parent = (String) key.get(0).get("table");
				List<String> referenced = key.stream().map(column -> (String) column.get("to")).toList();
				if (referenced.contains(null)) {
					// REFERENCES parent without columns: its primary key
					referenced = rows(connection, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
							parent)
						.stream()
						.map(column -> (String) column.get("name"))
						.toList();
				}
				foreignKeys.add(new ForeignKey(key.stream().map(column -> (String) column.get("from")).toList(), parent,
						referenced, (String) key.get(0).get("on_delete")));
			}
			return foreignKeys;
		}

		/** The expression of every CHECK in a CREATE TABLE, whitespace collapsed. */
		static List<String> checks(String sql) {
			String code = COMMENT_OR_STRING.matcher(sql)
				.replaceAll(found -> found.group(1) != null ? Matcher.quoteReplacement(found.group(1)) : " ");
			List<String> checks = new ArrayList<>();
			Matcher check = CHECK.matcher(code);
			int from = 0;
			while (check.find(from)) {
				int close = closingParenthesis(code, check.end() - 1);
				String expression = code.substring(check.end(), close).replaceAll("\\s+", " ");
				checks.add(expression.replace("( ", "(").replace(" )", ")").trim());
				from = close;
			}
			return checks;
		}

		private static int closingParenthesis(String code, int open) {
			int depth = 0;
			boolean quoted = false;
			for (int i = open; i < code.length(); i++) {
				char c = code.charAt(i);
				if (c == '\'') {
					quoted = !quoted;
				}
				else if (!quoted && c == '(') {
					depth++;
				}
				else if (!quoted && c == ')' && --depth == 0) {
					return i;
				}
			}
			throw new IllegalStateException("unbalanced CHECK in " + code);
		}

		/** Applies a CHECK of one of the four shapes to its column, or notes that it is not understood. */
		private void understand(String table, String check, Map<String, Checks> columns) {
			Matcher length = LENGTH.matcher(check);
			Matcher int32 = INT32.matcher(check);
			Matcher zeroOrOne = ZERO_OR_ONE.matcher(check);
			Matcher enumeration = ENUMERATION.matcher(check);
			Checks column;
			if (length.matches() && (column = columns.get(length.group(1))) != null) {
				int limit = Integer.parseInt(length.group(2));
				column.maxLength = column.maxLength == null ? limit : Math.min(column.maxLength, limit);
			}
			else if (int32.matches() && (column = columns.get(int32.group(1))) != null) {
				column.int32 = true;
			}
			else if (zeroOrOne.matches() && (column = columns.get(zeroOrOne.group(1))) != null) {
				column.zeroOrOne = true;
			}
			else if (enumeration.matches() && (column = columns.get(enumeration.group(1))) != null) {
				Set<String> allowed = quotedValues(enumeration.group(2), "");
				if (column.allowed != null) {
					allowed.retainAll(column.allowed);
				}
				column.allowed = allowed;
			}
			else {
				notUnderstood.add(table + ": CHECK (" + check + ")");
			}
		}

		private static Pattern caseless(String regex) {
			return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
		}

		/** The logical type: the declared STRICT type, narrowed by the CHECKs. */
		private String type(String column, String declared, Checks checks) {
			boolean textChecks = checks.maxLength != null || checks.allowed != null;
			boolean numberChecks = checks.int32 || checks.zeroOrOne;
			switch (declared.toUpperCase(Locale.ROOT)) {
				case "TEXT" -> {
					if (numberChecks) {
						notUnderstood.add(column + ": a number CHECK on a TEXT column");
					}
					return checks.maxLength == null ? "TEXT" : "TEXT(" + checks.maxLength + ")";
				}
				case "INTEGER", "INT" -> {
					if (textChecks) {
						notUnderstood.add(column + ": a text CHECK on an INTEGER column");
					}
					return checks.zeroOrOne ? "BOOLEAN" : checks.int32 ? "INT32" : "INT64";
				}
				default -> {
					if (textChecks || numberChecks) {
						notUnderstood.add(column + ": a CHECK on a " + declared + " column");
					}
					return declared.equalsIgnoreCase("BLOB") ? "BLOB" : "untyped " + declared;
				}
			}
		}
	}

	/** Reads PostgreSQL's schema (the connection's current schema) from information_schema and pg_catalog. */
	static final class PostgresqlSchema {

		private static final Pattern ENUMERATION = Pattern.compile(
				"CHECK \\(\\(\\(\"?(\\w+)\"?\\)::text = ANY \\(\\(ARRAY\\[(.+)]\\)::text\\[]\\)\\)\\)");

		private static final Map<String, String> ON_DELETE = Map.of("a", "NO ACTION", "r", "RESTRICT", "c", "CASCADE",
				"n", "SET NULL", "d", "SET DEFAULT");

		private static final String CONSTRAINTS = """
				SELECT c.conname::text AS name, c.contype::text AS kind, pg_get_constraintdef(c.oid) AS definition,
				       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
				               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n)
				         AS columns,
				       r.relname::text AS referenced_table,
				       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
				               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n)
				         AS referenced_columns,
				       c.confdeltype::text AS on_delete
				  FROM pg_constraint c
				  JOIN pg_class t ON t.oid = c.conrelid
				  JOIN pg_namespace s ON s.oid = t.relnamespace
				  LEFT JOIN pg_class r ON r.oid = c.confrelid
				 WHERE s.nspname = current_schema() AND t.relname = ?
				""";

		/** The indexes that back no primary key, unique or exclusion constraint. */
		private static final String INDEXES = """
				SELECT i.relname::text AS name, x.indisunique AS is_unique, x.indpred IS NOT NULL AS partial,
				       ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true)
				               FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k) AS columns
				  FROM pg_index x
				  JOIN pg_class i ON i.oid = x.indexrelid
				  JOIN pg_class t ON t.oid = x.indrelid
				  JOIN pg_namespace s ON s.oid = t.relnamespace
				 WHERE s.nspname = current_schema() AND t.relname = ?
				   AND NOT EXISTS (SELECT 1 FROM pg_constraint c
				                    WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
				""";

		private final Connection connection;

		private final List<String> notUnderstood = new ArrayList<>();

		private PostgresqlSchema(Connection connection) {
			this.connection = connection;
		}

		static Schema read(Connection connection) throws SQLException {
			PostgresqlSchema reader = new PostgresqlSchema(connection);
			SortedMap<String, Table> tables = new TreeMap<>();
			for (Map<String, Object> table : rows(connection, """
					SELECT table_name::text AS name FROM information_schema.tables
					 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
					   AND table_name <> 'flyway_schema_history'
					""")) {
				String name = (String) table.get("name");
				tables.put(name, reader.table(name));
			}
			if (!reader.notUnderstood.isEmpty()) {
				fail("postgresql: constraints the schema model does not understand (teach SchemaParityTest about them):"
						+ "%n  %s", String.join("\n  ", reader.notUnderstood));
			}
			return new Schema(tables);
		}

		private Table table(String table) throws SQLException {
			Map<String, Set<String>> allowed = new HashMap<>();
			List<String> primaryKey = List.of();
			Set<List<String>> uniques = new HashSet<>();
			Set<ForeignKey> foreignKeys = new HashSet<>();
			for (Map<String, Object> constraint : rows(connection, CONSTRAINTS, table)) {
				List<String> columns = strings(constraint.get("columns"));
				switch ((String) constraint.get("kind")) {
					case "p" -> primaryKey = columns;
					case "u" -> uniques.add(columns);
					case "f" -> foreignKeys.add(new ForeignKey(columns, (String) constraint.get("referenced_table"),
							strings(constraint.get("referenced_columns")), ON_DELETE.get(constraint.get("on_delete"))));
					case "c" -> enumeration(table, constraint, allowed);
					case "n" -> {
						// NOT NULL, a constraint from PostgreSQL 18 on: read with the columns
					}
					default -> notUnderstood
						.add(table + " constraint " + constraint.get("name") + ": " + constraint.get("definition"));
				}
			}

			List<Column> columns = new ArrayList<>();
			for (Map<String, Object> column : rows(connection, """
					SELECT column_name::text AS name, data_type::text AS data_type,
					       character_maximum_length::integer AS length, is_nullable::text AS nullable,
					       column_default::text AS default_value, is_generated::text AS generated
					  FROM information_schema.columns
					 WHERE table_schema = current_schema() AND table_name = ?
					 ORDER BY ordinal_position
					""", table)) {
				String name = (String) column.get("name");
				if (!"NEVER".equals(column.get("generated"))) {
					notUnderstood.add(table + "." + name + ": a generated column");
				}
				columns.add(new Column(name, type((String) column.get("data_type"), (Integer) column.get("length")),
						"YES".equals(column.get("nullable")), normalizedDefault((String) column.get("default_value")),
						allowed.getOrDefault(name, Set.of())));
			}

			Set<Index> indexes = new HashSet<>();
			for (Map<String, Object> index : rows(connection, INDEXES, table)) {
				if ((Boolean) index.get("partial")) {
					notUnderstood.add(table + " index " + index.get("name") + ": a partial index");
				}
				List<String> indexed = strings(index.get("columns")).stream()
					.map(column -> column.replace("\"", ""))
					.toList();
				indexes.add(new Index((String) index.get("name"), indexed, (Boolean) index.get("is_unique")));
			}
			return new Table(columns, primaryKey, uniques, foreignKeys, indexes);
		}

		private void enumeration(String table, Map<String, Object> constraint, Map<String, Set<String>> allowed) {
			String definition = (String) constraint.get("definition");
			Matcher enumeration = ENUMERATION.matcher(definition);
			if (!enumeration.matches()) {
				notUnderstood.add(table + " constraint " + constraint.get("name") + ": " + definition);
				return;
			}
			Set<String> values = quotedValues(enumeration.group(2), "::character varying");
			allowed.merge(enumeration.group(1), values, (earlier, later) -> {
				later.retainAll(earlier);
				return later;
			});
		}

		private static String type(String dataType, @Nullable Integer length) {
			return switch (dataType) {
				case "character varying" -> length == null ? "TEXT" : "TEXT(" + length + ")";
				case "text" -> "TEXT";
				case "integer" -> "INT32";
				case "bigint" -> "INT64";
				case "boolean" -> "BOOLEAN";
				case "bytea" -> "BLOB";
				default -> dataType;
			};
		}
	}

	// Plumbing.

	private static SQLiteConfig sqliteConfig(boolean foreignKeys) {
		SQLiteConfig config = new SQLiteConfig();
		config.enforceForeignKeys(foreignKeys);
		return config;
	}

	/** The migrated SQLite database, foreign keys on as the application uses it. */
	private static Connection sqlite() throws SQLException {
		return sqliteConfig(true).createConnection(sqliteUrl);
	}

	private static List<String> versions(Flyway flyway) {
		return Arrays.stream(flyway.info().applied()).map(MigrationInfo::getVersion).map(String::valueOf).toList();
	}

	/** A row of {@code table} that both databases store, with the parents it needs inserted. */
	private static Map<String, Object> validRow(Connection connection, String table) throws SQLException {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("id", UUID.randomUUID().toString());
		switch (table) {
			case "mailbox" -> {
				row.put("person_id", person(connection));
				row.put("created_at", 0L);
			}
			case "voice_message" -> {
				Map<String, Object> mailbox = validRow(connection, "mailbox");
				insert(connection, "mailbox", mailbox);
				row.put("mailbox_id", mailbox.get("id"));
				row.put("caller_private", false);
				row.put("received_at", 0L);
				row.put("duration_ms", 1000);
				row.put("urgent", false);
				row.put("heard", false);
				row.put("audio_format", "audio/x-wav;codec=ulaw");
				row.put("audio", new byte[] { 1, 2, 3 });
			}
			default -> throw new IllegalArgumentException("no valid row of " + table);
		}
		return row;
	}

	private static String person(Connection connection) throws SQLException {
		String organisation = UUID.randomUUID().toString();
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("id", organisation);
		row.put("name", "Parity");
		row.put("government", false);
		row.put("created_at", 0L);
		insert(connection, "organisation", row);
		String person = UUID.randomUUID().toString();
		row = new LinkedHashMap<>();
		row.put("id", person);
		row.put("org_id", organisation);
		row.put("first_name", "Ada");
		row.put("last_name", "Parity");
		row.put("email", person + "@parity.test");
		row.put("language", "en");
		row.put("role", "USER");
		row.put("created_at", 0L);
		insert(connection, "person", row);
		return person;
	}

	private static void insert(Connection connection, String table, Map<String, Object> row) throws SQLException {
		String sql = "INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
				+ String.join(", ", row.keySet().stream().map(column -> "?").toList()) + ")";
		try (PreparedStatement insert = connection.prepareStatement(sql)) {
			int parameter = 1;
			for (Object value : row.values()) {
				insert.setObject(parameter++, value);
			}
			insert.executeUpdate();
		}
	}

	private static int count(Connection connection, String table, Object id) throws SQLException {
		return number(rows(connection, "SELECT count(*) AS n FROM " + table + " WHERE id = ?", id).get(0), "n");
	}

	private static List<Map<String, Object>> rows(Connection connection, String sql, Object... parameters)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				ResultSetMetaData meta = result.getMetaData();
				List<Map<String, Object>> rows = new ArrayList<>();
				while (result.next()) {
					Map<String, Object> row = new HashMap<>();
					for (int column = 1; column <= meta.getColumnCount(); column++) {
						Object value = result.getObject(column);
						if (value instanceof Array array) {
							value = Arrays.asList((Object[]) array.getArray());
						}
						row.put(meta.getColumnLabel(column), value);
					}
					rows.add(row);
				}
				return rows;
			}
		}
	}

	private static int number(Map<String, Object> row, String column) {
		return ((Number) row.get(column)).intValue();
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object array) {
		return List.copyOf((List<String>) array);
	}
}
