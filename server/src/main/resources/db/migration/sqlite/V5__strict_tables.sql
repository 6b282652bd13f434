-- Every table rebuilt as a STRICT table whose CHECKs refuse what PostgreSQL refuses (SQLite ignores declared
-- lengths and takes any value in any column): VARCHAR(n) is TEXT CHECK (length(x) <= n), BOOLEAN is INTEGER
-- CHECK (x IN (0, 1)), a 32-bit INTEGER is INTEGER CHECK (x BETWEEN -2147483648 AND 2147483647), BIGINT is
-- INTEGER, BYTEA is BLOB. SchemaParityTest compares the result with the PostgreSQL schema column by column.
--
-- Also: voice_message.audio_format is 32 characters (the 22 of 'audio/x-wav;codec=ulaw' did not fit in 16,
-- which PostgreSQL refused), and the greeting choices and kinds are checked against their values.
--
-- SQLite's way to change a table (https://sqlite.org/lang_altertable.html#otheralter): make the new table,
-- copy, drop the old one, rename the new one. Voxbox runs migrations on SQLite with foreign keys off, as that
-- procedure requires, and checks them afterwards (StorageConfiguration). Rows are copied as they are: a value
-- the new CHECKs refuse fails the migration, whose transaction then leaves the database as it was.

CREATE TABLE organisation_new (
    id          TEXT    NOT NULL PRIMARY KEY CHECK (length(id) <= 36),
    name        TEXT    NOT NULL CHECK (length(name) <= 200),
    government  INTEGER NOT NULL DEFAULT 0 CHECK (government IN (0, 1)),
    created_at  INTEGER NOT NULL
) STRICT;
INSERT INTO organisation_new (id, name, government, created_at)
SELECT id, name, government, created_at FROM organisation;
DROP TABLE organisation;
ALTER TABLE organisation_new RENAME TO organisation;

CREATE TABLE person_new (
    id            TEXT    NOT NULL PRIMARY KEY CHECK (length(id) <= 36),
    org_id        TEXT    NOT NULL REFERENCES organisation (id) CHECK (length(org_id) <= 36),
    first_name    TEXT    NOT NULL CHECK (length(first_name) <= 100),
    last_name     TEXT    NOT NULL CHECK (length(last_name) <= 100),
    email         TEXT    NOT NULL CHECK (length(email) <= 320),
    phone_e164    TEXT    CHECK (length(phone_e164) <= 20),
    extension     TEXT    CHECK (length(extension) <= 10),
    language      TEXT    NOT NULL CHECK (length(language) <= 5),
    role          TEXT    NOT NULL CHECK (length(role) <= 10) CHECK (role IN ('ADMIN', 'USER')),
    password_hash TEXT    CHECK (length(password_hash) <= 200),
    created_at    INTEGER NOT NULL,
    CONSTRAINT person_email_unique UNIQUE (email),
    CONSTRAINT person_phone_unique UNIQUE (phone_e164),
    CONSTRAINT person_extension_unique UNIQUE (org_id, extension)
) STRICT;
INSERT INTO person_new (id, org_id, first_name, last_name, email, phone_e164, extension, language, role,
                        password_hash, created_at)
SELECT id, org_id, first_name, last_name, email, phone_e164, extension, language, role, password_hash, created_at
  FROM person;
DROP TABLE person;
ALTER TABLE person_new RENAME TO person;
CREATE INDEX person_org_name ON person (org_id, last_name, first_name);

CREATE TABLE api_token_new (
    id           TEXT    NOT NULL PRIMARY KEY CHECK (length(id) <= 36),
    person_id    TEXT    NOT NULL REFERENCES person (id) ON DELETE CASCADE CHECK (length(person_id) <= 36),
    name         TEXT    NOT NULL CHECK (length(name) <= 100),
    token_hash   TEXT    NOT NULL CHECK (length(token_hash) <= 64),
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER,
    CONSTRAINT api_token_hash_unique UNIQUE (token_hash)
) STRICT;
INSERT INTO api_token_new (id, person_id, name, token_hash, created_at, last_used_at)
SELECT id, person_id, name, token_hash, created_at, last_used_at FROM api_token;
DROP TABLE api_token;
ALTER TABLE api_token_new RENAME TO api_token;
CREATE INDEX api_token_person ON api_token (person_id);

CREATE TABLE mailbox_new (
    id                 TEXT    NOT NULL PRIMARY KEY CHECK (length(id) <= 36),
    person_id          TEXT    NOT NULL REFERENCES person (id) ON DELETE CASCADE CHECK (length(person_id) <= 36),
    enabled            INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    created_at         INTEGER NOT NULL,
    transfer_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (transfer_enabled IN (0, 1)),
    transfer_number    TEXT    CHECK (length(transfer_number) <= 32),
    busy_greeting      TEXT    NOT NULL DEFAULT 'DEFAULT' CHECK (length(busy_greeting) <= 8)
                               CHECK (busy_greeting IN ('DEFAULT', 'CUSTOM')),
    no_answer_greeting TEXT    NOT NULL DEFAULT 'DEFAULT' CHECK (length(no_answer_greeting) <= 8)
                               CHECK (no_answer_greeting IN ('DEFAULT', 'CUSTOM')),
    CONSTRAINT mailbox_one_per_person UNIQUE (person_id)
) STRICT;
INSERT INTO mailbox_new (id, person_id, enabled, created_at, transfer_enabled, transfer_number, busy_greeting,
                         no_answer_greeting)
SELECT id, person_id, enabled, created_at, transfer_enabled, transfer_number, busy_greeting, no_answer_greeting
  FROM mailbox;
DROP TABLE mailbox;
ALTER TABLE mailbox_new RENAME TO mailbox;

CREATE TABLE pin_policy_new (
    org_id                   TEXT    NOT NULL PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE
                                     CHECK (length(org_id) <= 36),
    min_length               INTEGER NOT NULL CHECK (min_length BETWEEN -2147483648 AND 2147483647),
    max_length               INTEGER NOT NULL CHECK (max_length BETWEEN -2147483648 AND 2147483647),
    history_depth            INTEGER CHECK (history_depth BETWEEN -2147483648 AND 2147483647),
    max_repeated_digit       INTEGER NOT NULL CHECK (max_repeated_digit BETWEEN -2147483648 AND 2147483647),
    enabled_rules            TEXT    NOT NULL CHECK (length(enabled_rules) <= 400),
    min_distinct_digits      INTEGER NOT NULL CHECK (min_distinct_digits BETWEEN -2147483648 AND 2147483647),
    max_ascending_run        INTEGER NOT NULL CHECK (max_ascending_run BETWEEN -2147483648 AND 2147483647),
    max_descending_run       INTEGER NOT NULL CHECK (max_descending_run BETWEEN -2147483648 AND 2147483647),
    min_days_between_changes INTEGER NOT NULL CHECK (min_days_between_changes BETWEEN -2147483648 AND 2147483647),
    expiry_enabled           INTEGER NOT NULL CHECK (expiry_enabled IN (0, 1)),
    expiry_days              INTEGER NOT NULL CHECK (expiry_days BETWEEN -2147483648 AND 2147483647),
    lockout_enabled          INTEGER NOT NULL CHECK (lockout_enabled IN (0, 1)),
    max_failed_attempts      INTEGER NOT NULL CHECK (max_failed_attempts BETWEEN -2147483648 AND 2147483647),
    default_pin_enabled      INTEGER NOT NULL DEFAULT 0 CHECK (default_pin_enabled IN (0, 1)),
    default_pin_verifier     TEXT    CHECK (length(default_pin_verifier) <= 200),
    updated_at               INTEGER NOT NULL
) STRICT;
INSERT INTO pin_policy_new (org_id, min_length, max_length, history_depth, max_repeated_digit, enabled_rules,
                            min_distinct_digits, max_ascending_run, max_descending_run, min_days_between_changes,
                            expiry_enabled, expiry_days, lockout_enabled, max_failed_attempts, default_pin_enabled,
                            default_pin_verifier, updated_at)
SELECT org_id, min_length, max_length, history_depth, max_repeated_digit, enabled_rules, min_distinct_digits,
       max_ascending_run, max_descending_run, min_days_between_changes, expiry_enabled, expiry_days,
       lockout_enabled, max_failed_attempts, default_pin_enabled, default_pin_verifier, updated_at
  FROM pin_policy;
DROP TABLE pin_policy;
ALTER TABLE pin_policy_new RENAME TO pin_policy;

CREATE TABLE pin_credential_new (
    person_id        TEXT    NOT NULL PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE
                             CHECK (length(person_id) <= 36),
    salt             TEXT    NOT NULL CHECK (length(salt) <= 64),
    must_change      INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
    set_at           INTEGER,
    owner_changed_at INTEGER,
    failed_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts BETWEEN -2147483648 AND 2147483647),
    locked           INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
) STRICT;
INSERT INTO pin_credential_new (person_id, salt, must_change, set_at, owner_changed_at, failed_attempts, locked)
SELECT person_id, salt, must_change, set_at, owner_changed_at, failed_attempts, locked FROM pin_credential;
DROP TABLE pin_credential;
ALTER TABLE pin_credential_new RENAME TO pin_credential;

CREATE TABLE pin_history_new (
    person_id TEXT    NOT NULL REFERENCES person (id) ON DELETE CASCADE CHECK (length(person_id) <= 36),
    seq       INTEGER NOT NULL,
    verifier  TEXT    NOT NULL CHECK (length(verifier) <= 200),
    set_at    INTEGER NOT NULL,
    PRIMARY KEY (person_id, seq)
) STRICT;
INSERT INTO pin_history_new (person_id, seq, verifier, set_at)
SELECT person_id, seq, verifier, set_at FROM pin_history;
DROP TABLE pin_history;
ALTER TABLE pin_history_new RENAME TO pin_history;

CREATE TABLE audit_event_new (
    id                TEXT    NOT NULL PRIMARY KEY CHECK (length(id) <= 36),
    org_id            TEXT    NOT NULL CHECK (length(org_id) <= 36),
    occurred_at       INTEGER NOT NULL,
    type              TEXT    NOT NULL CHECK (length(type) <= 40),
    channel           TEXT    NOT NULL CHECK (length(channel) <= 20),
    actor_person_id   TEXT    CHECK (length(actor_person_id) <= 36),
    subject_person_id TEXT    CHECK (length(subject_person_id) <= 36)
) STRICT;
INSERT INTO audit_event_new (id, org_id, occurred_at, type, channel, actor_person_id, subject_person_id)
SELECT id, org_id, occurred_at, type, channel, actor_person_id, subject_person_id FROM audit_event;
DROP TABLE audit_event;
ALTER TABLE audit_event_new RENAME TO audit_event;
CREATE INDEX audit_event_org_time ON audit_event (org_id, occurred_at);

CREATE TABLE voice_message_new (
    id             TEXT    NOT NULL PRIMARY KEY CHECK (length(id) <= 36),
    mailbox_id     TEXT    NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE CHECK (length(mailbox_id) <= 36),
    caller_name    TEXT    CHECK (length(caller_name) <= 100),
    caller_number  TEXT    CHECK (length(caller_number) <= 64),
    caller_private INTEGER NOT NULL DEFAULT 0 CHECK (caller_private IN (0, 1)),
    received_at    INTEGER NOT NULL,
    duration_ms    INTEGER NOT NULL CHECK (duration_ms BETWEEN -2147483648 AND 2147483647),
    urgent         INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),
    heard          INTEGER NOT NULL DEFAULT 0 CHECK (heard IN (0, 1)),
    audio_format   TEXT    NOT NULL CHECK (length(audio_format) <= 32),
    audio          BLOB    NOT NULL
) STRICT;
INSERT INTO voice_message_new (id, mailbox_id, caller_name, caller_number, caller_private, received_at, duration_ms,
                               urgent, heard, audio_format, audio)
SELECT id, mailbox_id, caller_name, caller_number, caller_private, received_at, duration_ms, urgent, heard,
       audio_format, audio
  FROM voice_message;
DROP TABLE voice_message;
ALTER TABLE voice_message_new RENAME TO voice_message;
CREATE INDEX voice_message_mailbox ON voice_message (mailbox_id, received_at);

CREATE TABLE greeting_new (
    mailbox_id   TEXT    NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE CHECK (length(mailbox_id) <= 36),
    kind         TEXT    NOT NULL CHECK (length(kind) <= 16) CHECK (kind IN ('BUSY', 'NO_ANSWER', 'NAME')),
    recorded_at  INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL CHECK (duration_ms BETWEEN -2147483648 AND 2147483647),
    audio_format TEXT    NOT NULL CHECK (length(audio_format) <= 32),
    audio        BLOB    NOT NULL,
    PRIMARY KEY (mailbox_id, kind)
) STRICT;
INSERT INTO greeting_new (mailbox_id, kind, recorded_at, duration_ms, audio_format, audio)
SELECT mailbox_id, kind, recorded_at, duration_ms, audio_format, audio FROM greeting;
DROP TABLE greeting;
ALTER TABLE greeting_new RENAME TO greeting;
