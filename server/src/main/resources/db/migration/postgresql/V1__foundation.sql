-- Voxbox foundation: organisations, people, API tokens, mailboxes, PIN policy and credentials, audit.
-- Times are epoch milliseconds (BIGINT) on every database; native booleans in PostgreSQL.

CREATE TABLE organisation (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    government  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE person (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    org_id        VARCHAR(36)  NOT NULL REFERENCES organisation (id),
    first_name    VARCHAR(100) NOT NULL,
    last_name     VARCHAR(100) NOT NULL,
    email         VARCHAR(320) NOT NULL,
    phone_e164    VARCHAR(20),
    extension     VARCHAR(10),
    language      VARCHAR(5)   NOT NULL,
    role          VARCHAR(10)  NOT NULL CHECK (role IN ('ADMIN', 'USER')),
    password_hash VARCHAR(200),
    created_at    BIGINT       NOT NULL,
    CONSTRAINT person_email_unique UNIQUE (email),
    CONSTRAINT person_phone_unique UNIQUE (phone_e164),
    CONSTRAINT person_extension_unique UNIQUE (org_id, extension)
);
CREATE INDEX person_org_name ON person (org_id, last_name, first_name);

CREATE TABLE api_token (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    person_id    VARCHAR(36)  NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    last_used_at BIGINT,
    CONSTRAINT api_token_hash_unique UNIQUE (token_hash)
);
CREATE INDEX api_token_person ON api_token (person_id);

-- Exactly one mailbox per person: the unique constraint makes a second one impossible.
CREATE TABLE mailbox (
    id         VARCHAR(36) NOT NULL PRIMARY KEY,
    person_id  VARCHAR(36) NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    enabled    BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at BIGINT      NOT NULL,
    CONSTRAINT mailbox_one_per_person UNIQUE (person_id)
);

-- The organisation's PIN policy; NULL history_depth means the system default for the organisation's kind.
CREATE TABLE pin_policy (
    org_id                   VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
    min_length               INTEGER      NOT NULL,
    max_length               INTEGER      NOT NULL,
    history_depth            INTEGER,
    max_repeated_digit       INTEGER      NOT NULL,
    enabled_rules            VARCHAR(400) NOT NULL,
    min_distinct_digits      INTEGER      NOT NULL,
    max_ascending_run        INTEGER      NOT NULL,
    max_descending_run       INTEGER      NOT NULL,
    min_days_between_changes INTEGER      NOT NULL,
    expiry_enabled           BOOLEAN      NOT NULL,
    expiry_days              INTEGER      NOT NULL,
    lockout_enabled          BOOLEAN      NOT NULL,
    max_failed_attempts      INTEGER      NOT NULL,
    default_pin_enabled      BOOLEAN      NOT NULL DEFAULT FALSE,
    default_pin_verifier     VARCHAR(200),
    updated_at               BIGINT       NOT NULL
);

-- A person's PIN state. The salt is the person's own, shared by their history entries, so a candidate is
-- hashed once to compare with every entry.
CREATE TABLE pin_credential (
    person_id        VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    salt             VARCHAR(64) NOT NULL,
    must_change      BOOLEAN     NOT NULL DEFAULT FALSE,
    set_at           BIGINT,
    owner_changed_at BIGINT,
    failed_attempts  INTEGER     NOT NULL DEFAULT 0,
    locked           BOOLEAN     NOT NULL DEFAULT FALSE
);

-- Verifiers of the current PIN (highest seq) and earlier ones; never plain text.
CREATE TABLE pin_history (
    person_id VARCHAR(36)  NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    seq       BIGINT       NOT NULL,
    verifier  VARCHAR(200) NOT NULL,
    set_at    BIGINT       NOT NULL,
    PRIMARY KEY (person_id, seq)
);

CREATE TABLE audit_event (
    id                VARCHAR(36) NOT NULL PRIMARY KEY,
    org_id            VARCHAR(36) NOT NULL,
    occurred_at       BIGINT      NOT NULL,
    type              VARCHAR(40) NOT NULL,
    channel           VARCHAR(20) NOT NULL,
    actor_person_id   VARCHAR(36),
    subject_person_id VARCHAR(36)
);
CREATE INDEX audit_event_org_time ON audit_event (org_id, occurred_at);
