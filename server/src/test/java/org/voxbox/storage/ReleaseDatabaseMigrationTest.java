package org.voxbox.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.voxbox.Api;
import org.voxbox.TestDatabases;
import org.voxbox.directory.Channel;
import org.voxbox.mailbox.Greetings;
import org.voxbox.mailbox.VoiceMessages;
import org.voxbox.media.Wav;
import org.voxbox.pin.PinVerification;
import org.voxbox.web.PublicId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * An SQLite database written by the last release before schema V5 ({@code release-db/voxbox-0.1.0.db}, made by
 * {@code make.sh} next to it: the released jar filled through its API, messages left by sipp) migrates forward to
 * V5's STRICT tables and on without losing or changing anything: every row of every table reads back value for
 * value (with the columns added since, null), every table is STRICT, keys and integrity hold and Flyway records V5
 * and later. The application works on the migrated data — the tokens sign people in, the stored PIN verifiers still match, messages and greetings play bit for bit —
 * and the database now refuses what PostgreSQL refuses, where the release's took it.
 */
@Tag("api")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReleaseDatabaseMigrationTest {

	/** What opens the fixture: tokens, the PIN pepper and the PINs make.sh used. */
	private static final Properties FIXTURE = fixtureSecrets();

	private static final String ADMIN_TOKEN = FIXTURE.getProperty("admin-token");

	private static final String FLYWAY_HISTORY = "flyway_schema_history";

	/** Tables the migrations after V5 made, absent from a released database. */
	private static final List<String> ADDED_TABLES = List.of("transfer_policy", "pin_pepper_check");

	/** Columns the migrations after V5 added, with the value each has in every released row (their default). */
	private static final Map<String, List<Added>> ADDED_COLUMNS = Map.of(
			"audit_event",
			List.of(new Added("old_value", null), new Added("new_value", null), new Added("source_address", null)),
			"person", List.of(new Added("credentials_version", 0L), new Added("password_must_change", 0L)),
			"api_token", List.of(new Added("issued_by", null)));

	/** A column added after the release, and its value in the release's rows. */
	private record Added(String column, @Nullable Object value) {
	}

	private static @Nullable Path database;

	/** Every row of the fixture, read from the copy before the application started and migrated it. */
	private static @Nullable Snapshot beforeMigration;

	/** The same, read once the application had migrated it, before any test used the data. */
	private static @Nullable Snapshot afterMigration;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	VoiceMessages messages;

	@Autowired
	Greetings greetings;

	@Autowired
	PinVerification verification;

	private Api api;

	@BeforeAll
	static void onlyOnSqlite() {
		assumeFalse(TestDatabases.onPostgres(), "the fixture is an SQLite file; the PostgreSQL run has no such database to migrate");
	}

	@DynamicPropertySource
	static void releaseDatabase(DynamicPropertyRegistry registry) throws Exception {
		Path data = Files.createTempDirectory("voxbox-release-db-");
		database = data.resolve("voxbox.db");
		try (InputStream fixture = resource("voxbox-0.1.0.db")) {
			Files.copy(fixture, database);
		}
		beforeMigration = Snapshot.read(database);
		registry.add("voxbox.storage.data-dir", data::toString);
		registry.add("voxbox.directory.bootstrap-admin-token", () -> ADMIN_TOKEN);
		registry.add("voxbox.pin.pepper", () -> FIXTURE.getProperty("pin-pepper"));
		registry.add("voxbox.sip.enabled", () -> "false");
	}

	@BeforeEach
	void readTheMigratedDatabaseOnce() throws SQLException {
		api = new Api(port);
		if (afterMigration == null) {
			// Before any test signs in with a token, which notes when it was last used.
			afterMigration = Snapshot.read(database);
		}
	}

	@Test
	void everyRowOfEveryTableIsKeptValueForValue() {
		assertThat(afterMigration.tables().keySet()).containsExactlyInAnyOrderElementsOf(
				java.util.stream.Stream.concat(beforeMigration.tables().keySet().stream(), ADDED_TABLES.stream()).toList());
		assertThat(beforeMigration.tables().keySet()).contains("organisation", "person", "api_token", "mailbox",
				"pin_policy", "pin_credential", "pin_history", "audit_event", "voice_message", "greeting");
		// Every table is compared, so a failure names every table the migration damaged.
		SoftAssertions.assertSoftly(softly -> {
			for (String table : beforeMigration.tables().keySet()) {
				softly.assertThat(beforeMigration.rows(table)).as("the fixture's %s", table).isNotEmpty();
				if (!table.equals(FLYWAY_HISTORY)) {
					softly.assertThat(afterMigration.rows(table)).as("%s after the migration", table)
						.isEqualTo(withAddedColumns(table, beforeMigration.rows(table)));
				}
			}
		});
		// The first start after the upgrade took the pepper it was given as the one the stored PINs were made with.
		assertThat(afterMigration.rows("pin_pepper_check")).singleElement()
			.satisfies(row -> assertThat((String) row.get("verifier")).matches("[0-9a-f]{64}"));
		// The very value the release's VARCHAR(16) could not have held on PostgreSQL, now in a STRICT table.
		assertThat(afterMigration.rows("voice_message")).extracting(row -> row.get("audio_format"))
			.containsOnly("audio/x-wav;codec=alaw");
	}

	/** A released table's rows as they read after the migrations: with the columns added since, at their defaults. */
	private static List<Map<String, @Nullable Object>> withAddedColumns(String table, List<Map<String, @Nullable Object>> rows) {
		List<Added> added = ADDED_COLUMNS.getOrDefault(table, List.of());
		return rows.stream().map(row -> {
			Map<String, @Nullable Object> migrated = new java.util.LinkedHashMap<>(row);
			added.forEach(column -> migrated.put(column.column(), column.value()));
			return migrated;
		}).toList();
	}

	@Test
	void flywayRecordsVersionFiveAndLaterAsSuccessfulAfterTheReleasesFour() {
		List<Map<String, @Nullable Object>> history = afterMigration.rows(FLYWAY_HISTORY);
		List<Map<String, @Nullable Object>> released = beforeMigration.rows(FLYWAY_HISTORY);
		assertThat(released).extracting(row -> row.get("version")).containsExactly("1", "2", "3", "4");
		assertThat(history.subList(0, released.size())).isEqualTo(released);
		List<Map<String, @Nullable Object>> later = history.subList(released.size(), history.size());
		assertThat(later).extracting(row -> row.get("script")).containsExactly("V5__strict_tables.sql",
				"V6__transfer_policy.sql", "V8__sessions_and_credentials.sql", "V9__audit_source.sql",
				"V10__pin_pepper_check.sql");
		assertThat(later).extracting(row -> row.get("version")).containsExactly("5", "6", "8", "9", "10");
		assertThat(later).allSatisfy(row -> assertThat(row.get("success")).isEqualTo(1L));
	}

	@Test
	void everyTableIsStrictAndEveryKeyAndPageIsSound() {
		record Listed(String schema, String name, String type, boolean strict) {
		}
		List<Listed> tables = jdbc.sql("PRAGMA table_list")
			.query((rs, n) -> new Listed(rs.getString("schema"), rs.getString("name"), rs.getString("type"),
					rs.getBoolean("strict")))
			.list();
		List<Listed> voxboxTables = tables.stream()
			.filter(t -> t.schema().equals("main") && t.type().equals("table") && !t.name().startsWith("sqlite_")
					&& !t.name().equals(FLYWAY_HISTORY))
			.toList();
		List<String> expected = new ArrayList<>(beforeMigration.tables().keySet());
		expected.remove(FLYWAY_HISTORY);
		expected.addAll(ADDED_TABLES);
		assertThat(voxboxTables).extracting(Listed::name).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(voxboxTables).allSatisfy(table -> assertThat(table.strict()).as(table.name()).isTrue());
		assertThat(jdbc.sql("PRAGMA foreign_key_check").query().listOfRows()).isEmpty();
		assertThat(jdbc.sql("PRAGMA integrity_check").query(String.class).list()).containsExactly("ok");
	}

	@Test
	void theAdministratorsTokenListsThePeopleOfTheRelease() {
		Api.Response people = api.get("/v1/people", ADMIN_TOKEN);
		assertThat(people.status()).as(people.toString()).isEqualTo(200);
		List<String> emails = new ArrayList<>();
		people.json().get("items").forEach(p -> emails.add(p.get("emails").get(0).asString()));
		assertThat(emails).containsExactlyInAnyOrder("admin@voxbox.local", FIXTURE.getProperty("jan.email"),
				FIXTURE.getProperty("emma.email"), FIXTURE.getProperty("priya.email"));
		Api.Response rules = api.get("/v1/telephony/config/voicemail/rules", ADMIN_TOKEN);
		assertThat(rules.status()).as(rules.toString()).isEqualTo(200);
		assertThat(rules.json().get("government").asBoolean()).isTrue();
		assertThat(rules.json().get("defaultVoicemailPinRules").get("defaultVoicemailPinEnabled").asBoolean()).isTrue();
		assertThat(rules.json().get("blockPreviousPasscodes").get("numberOfPasscodes").asInt()).isEqualTo(12);
		assertThat(rules.json().get("blockPreviousPasscodes").get("useSystemDefault").asBoolean()).isFalse();
		assertThat(rules.json().get("failedAttempts").get("attempts").asInt()).isEqualTo(5);
		assertThat(rules.json().get("blockFewDistinctDigits").get("enabled").asBoolean()).isTrue();
	}

	@Test
	void peoplesOwnTokensStillSignThemIn() {
		Api.Response jan = api.get("/v1/people/me", FIXTURE.getProperty("jan.token"));
		assertThat(jan.status()).as(jan.toString()).isEqualTo(200);
		assertThat(jan.json().get("emails").get(0).asString()).isEqualTo(FIXTURE.getProperty("jan.email"));
		assertThat(jan.json().get("phoneNumbers").get(0).get("value").asString()).isEqualTo("+31201234567");
		assertThat(jan.json().get("language").asString()).isEqualTo("nl");
		Api.Response emma = api.get("/v1/people/me", FIXTURE.getProperty("emma.token"));
		assertThat(emma.status()).as(emma.toString()).isEqualTo(200);
		assertThat(emma.json().get("extension").asString()).isEqualTo("4721");
		assertThat(emma.json().get("language").asString()).isEqualTo("en");
	}

	@Test
	void currentPinsStillOpenTheirMailboxesAndTheLockedOneStaysLocked() {
		assertThat(verification.verify(person("jan"), FIXTURE.getProperty("jan.pin"), Channel.PHONE))
			.isEqualTo(PinVerification.Outcome.ACCEPTED);
		assertThat(verification.verify(person("emma"), FIXTURE.getProperty("emma.pin"), Channel.PHONE))
			.isEqualTo(PinVerification.Outcome.ACCEPTED);
		assertThat(verification.verify(person("priya"), FIXTURE.getProperty("priya.pin"), Channel.PHONE))
			.as("five wrong PINs by phone locked Priya's mailbox in the release")
			.isEqualTo(PinVerification.Outcome.LOCKED);
	}

	@Test
	void pinsOfTheHistoryAndTheReverseOfTheCurrentOneAreRefusedAsBefore() {
		String validate = "/v1/telephony/config/people/me/voicemail/pin/actions/validate/invoke";
		String janToken = FIXTURE.getProperty("jan.token");
		String janPin = FIXTURE.getProperty("jan.pin");
		String janReversed = new StringBuilder(janPin).reverse().toString();
		// Only a submit answers the rules that need the stored PINs; the live check leaves them out.
		assertThat(violations(api.post(validate, janToken, Map.of("passcode", janPin)))).isEmpty();
		assertThat(api.put("/v1/telephony/config/people/me/voicemail/pin", janToken,
				Map.of("passcode", janPin, "confirmPasscode", janPin)).codes()).containsExactly("IN_HISTORY");
		assertThat(api.put("/v1/telephony/config/people/me/voicemail/pin", janToken,
				Map.of("passcode", janReversed, "confirmPasscode", janReversed)).codes()).containsExactly("REVERSE_OF_CURRENT");
		assertThat(violations(api.post(validate, janToken, Map.of("passcode", "419268")))).isEmpty();
		String emmaToken = FIXTURE.getProperty("emma.token");
		String earlier = FIXTURE.getProperty("emma.earlier-pin");
		Api.Response again = api.put("/v1/telephony/config/people/me/voicemail/pin", emmaToken,
				Map.of("passcode", earlier, "confirmPasscode", earlier));
		assertThat(again.status()).as(again.toString()).isEqualTo(400);
		assertThat(again.codes()).containsExactly("IN_HISTORY");
		assertThat(verification.verify(person("emma"), FIXTURE.getProperty("emma.pin"), Channel.PHONE))
			.as("the refused change left her PIN as it was")
			.isEqualTo(PinVerification.Outcome.ACCEPTED);
	}

	@Test
	void messagesPlayTheirAudioBitForBitWithTheirCallers() {
		UUID jan = person("jan");
		UUID emma = person("emma");
		List<VoiceMessages.Message> janMessages = messages.list(jan);
		List<VoiceMessages.Message> emmaMessages = messages.list(emma);
		assertThat(janMessages).hasSize(1);
		assertThat(emmaMessages).hasSize(1);
		VoiceMessages.Message withheld = janMessages.get(0);
		assertThat(withheld.callerPrivate()).as("private, as the caller's Privacy header said").isTrue();
		assertThat(withheld.callerName()).isNull();
		assertThat(withheld.callerNumber()).isNull();
		assertThat(withheld.urgent()).isFalse();
		assertThat(withheld.heard()).isTrue();
		VoiceMessages.Message urgent = emmaMessages.get(0);
		assertThat(urgent.urgent()).as("urgent, as the caller's Priority header said").isTrue();
		assertThat(urgent.callerPrivate()).isFalse();
		assertThat(urgent.callerName()).isEqualTo("Caller");
		assertThat(urgent.callerNumber()).isEqualTo("0612345678");
		assertThat(urgent.heard()).isFalse();
		for (var owned : Map.of(jan, withheld, emma, urgent).entrySet()) {
			VoiceMessages.Message message = owned.getValue();
			Map<String, @Nullable Object> row = beforeMigration.row("voice_message", "id", message.id().toString());
			byte[] audio = messages.audio(owned.getKey(), message.id()).orElseThrow();
			assertThat(new Blob(audio)).isEqualTo(row.get("audio"));
			assertThat(Wav.parse(audio).encoding()).isEqualTo(Wav.Encoding.ALAW);
			assertThat(message.durationMillis()).isEqualTo(((Long) row.get("duration_ms")).intValue()).isPositive();
			assertThat(message.received().toEpochMilli()).isEqualTo(row.get("received_at"));
		}
	}

	@Test
	void recordedGreetingsAndNamesPlayAsBefore() {
		UUID jan = person("jan");
		UUID emma = person("emma");
		assertThat(new Blob(greetings.active(emma, Greetings.Kind.BUSY).orElseThrow()))
			.isEqualTo(greeting(emma, "BUSY").get("audio"));
		assertThat(new Blob(greetings.active(jan, Greetings.Kind.NAME).orElseThrow()))
			.isEqualTo(greeting(jan, "NAME").get("audio"));
		assertThat(new Blob(greetings.active(jan, Greetings.Kind.NO_ANSWER).orElseThrow()))
			.isEqualTo(greeting(jan, "NO_ANSWER").get("audio"));
		assertThat(greetings.active(jan, Greetings.Kind.BUSY)).isEmpty();
		assertThat(greetings.active(emma, Greetings.Kind.NO_ANSWER)).isEmpty();
		String emmaId = PublicId.PEOPLE.encode(emma);
		Api.Response settings = api.get("/v1/people/" + emmaId + "/features/voicemail", ADMIN_TOKEN);
		assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
		assertThat(settings.json().get("enabled").asBoolean()).isTrue();
		assertThat(settings.json().get("sendBusyCalls").get("greeting").asString()).isEqualTo("CUSTOM");
		assertThat(settings.json().get("sendBusyCalls").get("greetingUploaded").asBoolean()).isTrue();
		assertThat(settings.json().get("sendUnansweredCalls").get("greeting").asString()).isEqualTo("DEFAULT");
		assertThat(settings.json().get("transferToNumber").get("enabled").asBoolean()).isTrue();
		assertThat(settings.json().get("transferToNumber").get("destination").asString()).isEqualTo("+31207654321");
	}

	@Test
	void theMigratedDatabaseRefusesWhatPostgresqlRefusesWhereTheReleaseTookIt(@TempDir Path scratch) throws Exception {
		String mailbox = (String) beforeMigration.rows("mailbox").get(0).get("id");
		String tooLong = "x".repeat(101);
		int messagesBefore = count("voice_message");
		assertThat(refusalOf(() -> insertMessage(jdbc, mailbox, tooLong, 0))).isEqualTo(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK);
		assertThat(refusalOf(() -> insertMessage(jdbc, mailbox, "Caller", 2))).isEqualTo(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK);
		assertThat(count("voice_message")).isEqualTo(messagesBefore);
		// The limits themselves are taken: 100 characters, and 1 for true (rolled back, leaving the data as it was).
		transaction.executeWithoutResult(status -> {
			insertMessage(jdbc, mailbox, "x".repeat(100), 1);
			status.setRollbackOnly();
		});
		assertThat(count("voice_message")).isEqualTo(messagesBefore);
		// The release's schema took both, as SQLite takes anything in any column of a table that is not STRICT.
		Path release = scratch.resolve("voxbox.db");
		try (InputStream fixture = resource("voxbox-0.1.0.db")) {
			Files.copy(fixture, release);
		}
		try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + release)) {
			assertThat(insertMessage(old, mailbox, tooLong, 0)).isEqualTo(1);
			assertThat(insertMessage(old, mailbox, "Caller", 2)).isEqualTo(1);
		}
	}

	private static SQLiteErrorCode refusalOf(Runnable insert) {
		try {
			insert.run();
		}
		catch (DataIntegrityViolationException refused) {
			assertThat(refused.getMostSpecificCause()).isInstanceOf(SQLiteException.class);
			return ((SQLiteException) refused.getMostSpecificCause()).getResultCode();
		}
		throw new AssertionError("the insert was taken");
	}

	private static final String INSERT_MESSAGE = """
			INSERT INTO voice_message (id, mailbox_id, caller_name, caller_number, caller_private, received_at, duration_ms,
			       urgent, heard, audio_format, audio)
			VALUES (?, ?, ?, NULL, 0, 0, 1000, ?, 0, 'audio/x-wav;codec=alaw', X'00')
			""";

	private static void insertMessage(JdbcClient jdbc, String mailbox, String callerName, int urgent) {
		jdbc.sql(INSERT_MESSAGE).params(UUID.randomUUID().toString(), mailbox, callerName, urgent).update();
	}

	private static int insertMessage(Connection connection, String mailbox, String callerName, int urgent)
			throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGE)) {
			insert.setString(1, UUID.randomUUID().toString());
			insert.setString(2, mailbox);
			insert.setString(3, callerName);
			insert.setInt(4, urgent);
			return insert.executeUpdate();
		}
	}

	private int count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

	/** The fixture person ({@code jan} or {@code emma}), found with their own token. */
	private UUID person(String name) {
		Api.Response me = api.get("/v1/people/me", FIXTURE.getProperty(name + ".token"));
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		return PublicId.PEOPLE.decode(me.json().get("id").asString()).orElseThrow();
	}

	/** The fixture's greeting row of {@code kind} for the person's mailbox. */
	private static Map<String, @Nullable Object> greeting(UUID person, String kind) {
		Object mailbox = beforeMigration.row("mailbox", "person_id", person.toString()).get("id");
		return beforeMigration.rows("greeting").stream()
			.filter(row -> mailbox.equals(row.get("mailbox_id")) && kind.equals(row.get("kind")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the fixture has no " + kind + " greeting for " + person));
	}

	private static List<String> violations(Api.Response validation) {
		assertThat(validation.status()).as(validation.toString()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		validation.json().get("violations").forEach(v -> codes.add(v.get("code").asString()));
		assertThat(validation.json().get("valid").asBoolean()).isEqualTo(codes.isEmpty());
		return codes;
	}

	private static InputStream resource(String name) {
		InputStream in = ReleaseDatabaseMigrationTest.class.getResourceAsStream("/release-db/" + name);
		if (in == null) {
			throw new IllegalStateException("missing test resource release-db/" + name + " (made by release-db/make.sh)");
		}
		return in;
	}

	private static Properties fixtureSecrets() {
		Properties properties = new Properties();
		try (InputStream in = resource("voxbox-0.1.0.properties")) {
			properties.load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	/** A BLOB, equal to another with the same bytes. */
	record Blob(byte[] bytes) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Blob blob && Arrays.equals(bytes, blob.bytes);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(bytes);
		}

		@Override
		public String toString() {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
				return "BLOB of " + bytes.length + " bytes, SHA-256 " + HexFormat.of().formatHex(digest, 0, 8) + "…";
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Every row of every table of an SQLite file, read with plain JDBC: table → rows in primary-key order → column
	 * name → value, an INTEGER as a {@link Long}, a REAL as a {@link Double}, TEXT as a {@link String}, a BLOB as a
	 * {@link Blob}, NULL as null. So a 1 that became '1' or 1.0 would no longer be equal.
	 */
	record Snapshot(Map<String, List<Map<String, @Nullable Object>>> tables) {

		static Snapshot read(Path file) throws SQLException {
			Map<String, List<Map<String, @Nullable Object>>> tables = new TreeMap<>();
			try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
					Statement statement = db.createStatement()) {
				List<String> names = new ArrayList<>();
				try (ResultSet rs = statement.executeQuery(
						"SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
					while (rs.next()) {
						names.add(rs.getString(1));
					}
				}
				for (String table : names) {
					tables.put(table, rows(statement, table));
				}
			}
			return new Snapshot(tables);
		}

		private static List<Map<String, @Nullable Object>> rows(Statement statement, String table) throws SQLException {
			Map<Integer, String> key = new TreeMap<>();
			try (ResultSet columns = statement.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
				while (columns.next()) {
					if (columns.getInt("pk") > 0) {
						key.put(columns.getInt("pk"), "\"" + columns.getString("name") + "\"");
					}
				}
			}
			String order = key.isEmpty() ? "rowid" : String.join(", ", key.values());
			List<Map<String, @Nullable Object>> rows = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY " + order)) {
				ResultSetMetaData meta = rs.getMetaData();
				while (rs.next()) {
					Map<String, @Nullable Object> row = new TreeMap<>();
					for (int i = 1; i <= meta.getColumnCount(); i++) {
						Object value = rs.getObject(i);
						if (value instanceof Integer small) {
							value = small.longValue();
						}
						else if (value instanceof byte[] bytes) {
							value = new Blob(bytes);
						}
						row.put(meta.getColumnName(i), value);
					}
					rows.add(row);
				}
			}
			return rows;
		}

		List<Map<String, @Nullable Object>> rows(String table) {
			List<Map<String, @Nullable Object>> rows = tables.get(table);
			if (rows == null) {
				throw new AssertionError("no table " + table + " in " + tables.keySet());
			}
			return rows;
		}

		Map<String, @Nullable Object> row(String table, String column, Object value) {
			return rows(table).stream()
				.filter(row -> value.equals(row.get(column)))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no row of " + table + " with " + column + " = " + value));
		}
	}
}
