-- Each organisation's transfer destinations (the mailbox module's TransferPolicy): whether national numbers are
-- allowed, and up to 20 E.164 prefixes (comma-separated, at most 16 characters each) under which other numbers
-- are. An organisation without a row has the defaults: national numbers on, no prefixes. STRICT, with the CHECKs
-- that refuse what PostgreSQL's V6 refuses.
CREATE TABLE transfer_policy (
    org_id           TEXT    NOT NULL PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE
                             CHECK (length(org_id) <= 36),
    national_numbers INTEGER NOT NULL CHECK (national_numbers IN (0, 1)),
    allowed_prefixes TEXT    NOT NULL CHECK (length(allowed_prefixes) <= 400),
    updated_at       INTEGER NOT NULL
) STRICT;
-- What a change of a transfer number or of the transfer policy was and became. Transfer numbers are kept as they
-- are, for fraud review; a PIN never comes here.
ALTER TABLE audit_event ADD COLUMN old_value TEXT CHECK (length(old_value) <= 400);
ALTER TABLE audit_event ADD COLUMN new_value TEXT CHECK (length(new_value) <= 400);
