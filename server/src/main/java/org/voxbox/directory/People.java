package org.voxbox.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.voxbox.web.PublicId;

/** The people of all organisations. Other modules read through {@link #find} and {@link #inScope}. */
@Repository
public class People {

	private static final String COLUMNS = """
			id, org_id, first_name, last_name, email, phone_e164, extension, language, role, created_at
			""";

	private final JdbcClient jdbc;

	People(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Person> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE id = :id")
			.param("id", id.toString())
			.query(People::person)
			.optional();
	}

	/**
	 * The person with external id {@code personId} if {@code caller} may see them: themselves, or anyone of their
	 * organisation for an administrator. Anything else is answered 404, so ids of other organisations cannot be
	 * probed.
	 */
	public Person inScope(Caller caller, String personId) {
		Optional<Person> person = PublicId.PEOPLE.decode(personId).flatMap(this::find);
		if (person.isEmpty() || !visibleTo(caller, person.get())) {
			throw DirectoryErrors.personNotFound(caller.locale());
		}
		return person.get();
	}

	private static boolean visibleTo(Caller caller, Person person) {
		return caller.isAdmin() ? person.orgId().equals(caller.orgId()) : person.id().equals(caller.personId());
	}

	/**
	 * The one person a dialled number belongs to: their phone number (E.164, or {@code e164Candidates} for a
	 * national form) or their extension. Empty when nobody has it, or when several people share the extension
	 * (extensions are unique per organisation only).
	 */
	public Optional<Person> findByNumber(String extension, List<String> e164Candidates) {
		if (!e164Candidates.isEmpty()) {
			for (String e164 : e164Candidates) {
				Optional<Person> byPhone = jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE phone_e164 = :phone")
					.param("phone", e164)
					.query(People::person)
					.optional();
				if (byPhone.isPresent()) {
					return byPhone;
				}
			}
		}
		List<Person> byExtension = jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE extension = :ext LIMIT 2")
			.param("ext", extension)
			.query(People::person)
			.list();
		return byExtension.size() == 1 ? Optional.of(byExtension.get(0)) : Optional.empty();
	}

	/** Whether {@code extension} is the extension of a person of organisation {@code orgId}. */
	public boolean hasExtension(UUID orgId, String extension) {
		return jdbc.sql("SELECT COUNT(*) FROM person WHERE org_id = :org AND extension = :ext")
			.param("org", orgId.toString())
			.param("ext", extension)
			.query(Long.class)
			.single() > 0;
	}

	Optional<Person> findByEmail(String email) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE email = :email")
			.param("email", email.toLowerCase(Locale.ROOT))
			.query(People::person)
			.optional();
	}

	List<Person> page(UUID orgId, @Nullable String email, int start, int max) {
		String filter = email == null ? "" : " AND email = :email";
		var spec = jdbc.sql("SELECT " + COLUMNS + " FROM person WHERE org_id = :org" + filter
				+ " ORDER BY last_name, first_name, id LIMIT :max OFFSET :start")
			.param("org", orgId.toString())
			.param("max", max)
			.param("start", start);
		if (email != null) {
			spec = spec.param("email", email.toLowerCase(Locale.ROOT));
		}
		return spec.query(People::person).list();
	}

	long countAdmins(UUID orgId) {
		return jdbc.sql("SELECT COUNT(*) FROM person WHERE org_id = :org AND role = 'ADMIN'")
			.param("org", orgId.toString())
			.query(Long.class)
			.single();
	}

	void insert(Person p) {
		jdbc.sql("""
				INSERT INTO person (id, org_id, first_name, last_name, email, phone_e164, extension, language, role, created_at)
				VALUES (:id, :org, :first, :last, :email, :phone, :ext, :lang, :role, :created)
				""")
			.params(params(p))
			.param("created", p.created().toEpochMilli())
			.update();
	}

	void update(Person p) {
		jdbc.sql("""
				UPDATE person SET first_name = :first, last_name = :last, email = :email, phone_e164 = :phone,
				       extension = :ext, language = :lang, role = :role
				 WHERE id = :id AND org_id = :org
				""")
			.params(params(p))
			.update();
	}

	void setLanguage(UUID id, Locale language) {
		jdbc.sql("UPDATE person SET language = :lang WHERE id = :id")
			.param("lang", language.getLanguage())
			.param("id", id.toString())
			.update();
	}

	/** People of an organisation whose name or email contains {@code query} (case-insensitive), paged. */
	List<Person> search(UUID orgId, String query, int start, int max) {
		String like = "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM person WHERE org_id = :org AND (LOWER(first_name) LIKE :q ESCAPE '\\' OR LOWER(last_name) LIKE :q ESCAPE '\\'
				   OR email LIKE :q ESCAPE '\\' OR extension LIKE :q ESCAPE '\\')
				 ORDER BY last_name, first_name, id LIMIT :max OFFSET :start
				""")
			.param("org", orgId.toString())
			.param("q", like)
			.param("max", max)
			.param("start", start)
			.query(People::person)
			.list();
	}

	boolean delete(UUID id) {
		return jdbc.sql("DELETE FROM person WHERE id = :id").param("id", id.toString()).update() == 1;
	}

	Optional<String> passwordHash(UUID id) {
		return password(id).map(StoredPassword::hash);
	}

	/**
	 * A person's sign-in password as stored.
	 *
	 * @param hash the Argon2id hash
	 * @param credentialsVersion how often the password has been set; a portal session is valid only while it
	 * still holds the version it signed in with
	 * @param mustChange set by an administrator or the first start: to be changed before anything else
	 */
	record StoredPassword(String hash, long credentialsVersion, boolean mustChange) {
	}

	/** The password of the person, read in one go with its version and state; empty when they have none. */
	Optional<StoredPassword> password(UUID id) {
		return jdbc.sql("SELECT password_hash, credentials_version, password_must_change FROM person WHERE id = :id")
			.param("id", id.toString())
			.query((rs, n) -> {
				String hash = rs.getString(1);
				return hash == null ? Optional.<StoredPassword>empty()
						: Optional.of(new StoredPassword(hash, rs.getLong(2), rs.getBoolean(3)));
			})
			.optional()
			.flatMap(o -> o);
	}

	/**
	 * A person as the directory has them now, with what a portal session is checked against on each request.
	 *
	 * @param credentialsVersion see {@link StoredPassword#credentialsVersion()}
	 * @param mustChangePassword whether their password must be changed before they may do anything else
	 */
	record Standing(Person person, long credentialsVersion, boolean mustChangePassword) {
	}

	/** The person with their credentials' version and state; empty once they are deleted. One primary-key read. */
	Optional<Standing> standing(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + ", credentials_version, password_must_change FROM person WHERE id = :id")
			.param("id", id.toString())
			.query((rs, n) -> new Standing(person(rs, n), rs.getLong("credentials_version"),
					rs.getBoolean("password_must_change")))
			.optional();
	}

	/**
	 * Sets a password the person chose (or a test gave them): nothing more to change, and every portal session
	 * signed in before it ends.
	 */
	void setPasswordHash(UUID id, String hash) {
		setPassword(id, hash, false);
	}

	/**
	 * Sets a password an administrator or the first start chose: it must be changed at the next sign-in, buys no API
	 * token until then, and every portal session signed in before it ends.
	 */
	void setTemporaryPasswordHash(UUID id, String hash) {
		setPassword(id, hash, true);
	}

	private void setPassword(UUID id, String hash, boolean mustChange) {
		jdbc.sql("""
				UPDATE person SET password_hash = :hash, password_must_change = :mustChange,
				       credentials_version = credentials_version + 1
				 WHERE id = :id
				""")
			.param("hash", hash)
			.param("mustChange", mustChange)
			.param("id", id.toString())
			.update();
	}

	/**
	 * Sets the password the person chose in the session that held credentials version {@code version}: false, and
	 * nothing changed, when the version has moved on since (another change or a reset came first). The version
	 * becomes {@code version + 1}.
	 */
	boolean changeOwnPassword(UUID id, long version, String hash) {
		return jdbc.sql("""
				UPDATE person SET password_hash = :hash, password_must_change = :mustChange,
				       credentials_version = credentials_version + 1
				 WHERE id = :id AND credentials_version = :version
				""")
			.param("hash", hash)
			.param("mustChange", false)
			.param("id", id.toString())
			.param("version", version)
			.update() == 1;
	}

	private static java.util.Map<String, Object> params(Person p) {
		java.util.Map<String, Object> m = new java.util.HashMap<>();
		m.put("id", p.id().toString());
		m.put("org", p.orgId().toString());
		m.put("first", p.firstName());
		m.put("last", p.lastName());
		m.put("email", p.email().toLowerCase(Locale.ROOT));
		m.put("phone", p.phoneE164());
		m.put("ext", p.extension());
		m.put("lang", p.language().getLanguage());
		m.put("role", p.role().name());
		return m;
	}

	static Person person(ResultSet rs, int row) throws SQLException {
		return new Person(UUID.fromString(rs.getString("id")), UUID.fromString(rs.getString("org_id")),
				rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"), rs.getString("phone_e164"),
				rs.getString("extension"), Locale.forLanguageTag(rs.getString("language")), Role.valueOf(rs.getString("role")),
				Instant.ofEpochMilli(rs.getLong("created_at")));
	}
}
