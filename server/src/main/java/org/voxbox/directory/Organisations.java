package org.voxbox.directory;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The organisations. */
@Repository
public class Organisations {

	private final JdbcClient jdbc;

	Organisations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Organisation get(UUID id) {
		return find(id).orElseThrow(() -> new IllegalStateException("no organisation " + id));
	}

	public Optional<Organisation> find(UUID id) {
		return jdbc.sql("SELECT id, name, government, created_at FROM organisation WHERE id = :id")
			.param("id", id.toString())
			.query((rs, n) -> new Organisation(UUID.fromString(rs.getString("id")), rs.getString("name"),
					rs.getBoolean("government"), Instant.ofEpochMilli(rs.getLong("created_at"))))
			.optional();
	}

	/** Marks an organisation as governmental (or not); the {@code pin} module derives its default history depth. */
	public void setGovernment(UUID id, boolean government) {
		jdbc.sql("UPDATE organisation SET government = :g WHERE id = :id")
			.param("g", government)
			.param("id", id.toString())
			.update();
	}

	boolean any() {
		return jdbc.sql("SELECT COUNT(*) FROM organisation").query(Long.class).single() > 0;
	}

	void insert(Organisation org) {
		jdbc.sql("INSERT INTO organisation (id, name, government, created_at) VALUES (:id, :name, :g, :created)")
			.param("id", org.id().toString())
			.param("name", org.name())
			.param("g", org.government())
			.param("created", org.created().toEpochMilli())
			.update();
	}
}
