/** Where data lives: the data directory and the database connection (SQLite by default, PostgreSQL by configuration). */
@NullMarked
package org.voxbox.storage;

import org.jspecify.annotations.NullMarked;
