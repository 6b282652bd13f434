-- Sessions and credentials (issue 10): the same schema as SQLite's V8, which explains the columns.
-- (V7 is left free for work done alongside.)
ALTER TABLE person ADD COLUMN credentials_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN password_must_change BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE api_token ADD COLUMN issued_by VARCHAR(36);
