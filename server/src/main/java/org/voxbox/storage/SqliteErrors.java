package org.voxbox.storage;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Gives SQLite's failures the same Spring exceptions PostgreSQL's get (SQLite sets no SQLSTATE): a unique or
 * primary-key violation is a {@link DuplicateKeyException}, another constraint a
 * {@link DataIntegrityViolationException}, a busy database a {@link CannotAcquireLockException}.
 */
final class SqliteErrors implements SQLExceptionTranslator {

	private final SQLExceptionTranslator fallback;

	SqliteErrors(SQLExceptionTranslator fallback) {
		this.fallback = fallback;
	}

	@Override
	public @Nullable DataAccessException translate(String task, @Nullable String sql, SQLException ex) {
		if (ex instanceof SQLiteException sqlite) {
			SQLiteErrorCode code = sqlite.getResultCode();
			String message = task + ": " + ex.getMessage();
			switch (code) {
				case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY:
					return new DuplicateKeyException(message, ex);
				case SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY, SQLITE_LOCKED, SQLITE_LOCKED_SHAREDCACHE:
					return new CannotAcquireLockException(message, ex);
				default:
					if (code.name().startsWith("SQLITE_CONSTRAINT")) {
						return new DataIntegrityViolationException(message, ex);
					}
			}
		}
		return fallback.translate(task, sql, ex);
	}
}
