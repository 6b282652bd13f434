package org.voxbox.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After each migration on SQLite (which Voxbox migrates with foreign keys off), fails it when a row lost its
 * parent: {@code PRAGMA foreign_key_check} must find nothing, so the migration's transaction rolls back instead.
 * Does nothing on other databases, which never turn their keys off.
 */
final class SqliteForeignKeyCheck implements Callback {

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_EACH_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		Connection connection = context.getConnection();
		try {
			if (!"SQLite".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
				return;
			}
			List<String> orphans = new ArrayList<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
				while (rows.next() && orphans.size() < 10) {
					orphans.add(rows.getString("table") + " row " + rows.getLong("rowid") + " → " + rows.getString("parent"));
				}
			}
			if (!orphans.isEmpty()) {
				throw new IllegalStateException("the migration left rows without their parent: " + orphans);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot check foreign keys after a migration", ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "sqlite-foreign-key-check";
	}
}
