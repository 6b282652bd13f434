-- Each organisation's transfer destinations (the mailbox module's TransferPolicy): whether national numbers are
-- allowed, and up to 20 E.164 prefixes (comma-separated, at most 16 characters each) under which other numbers
-- are. An organisation without a row has the defaults: national numbers on, no prefixes.
CREATE TABLE transfer_policy (
    org_id           VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES organisation (id) ON DELETE CASCADE,
    national_numbers BOOLEAN      NOT NULL,
    allowed_prefixes VARCHAR(400) NOT NULL,
    updated_at       BIGINT       NOT NULL
);
-- What a change of a transfer number or of the transfer policy was and became. Transfer numbers are kept as they
-- are, for fraud review; a PIN never comes here.
ALTER TABLE audit_event ADD COLUMN old_value VARCHAR(400);
ALTER TABLE audit_event ADD COLUMN new_value VARCHAR(400);
