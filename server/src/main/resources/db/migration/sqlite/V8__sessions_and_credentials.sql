-- Sessions and credentials (issue 10).
-- credentials_version counts the changes of a person's password: a portal session remembers the version it signed
-- in with and ends on the first request after it moved, on every node. password_must_change marks a password that
-- an administrator or the first start set: it must be changed before anything else, and buys no API token.
-- api_token.issued_by is the administrator who issued a token for someone else (no foreign key, like the audit's
-- person ids: the token outlives its issuer), shown to the token's owner. STRICT tables, with the CHECKs that refuse
-- what PostgreSQL's V8 refuses. (V7 is left free for work done alongside.)
ALTER TABLE person ADD COLUMN credentials_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN password_must_change INTEGER NOT NULL DEFAULT 0 CHECK (password_must_change IN (0, 1));
ALTER TABLE api_token ADD COLUMN issued_by TEXT CHECK (length(issued_by) <= 36);
