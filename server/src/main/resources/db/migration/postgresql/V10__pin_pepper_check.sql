-- The PIN pepper's check value (issue 10): the same schema as SQLite's V10, which explains it.
-- (V9 is left free for work done alongside.)
CREATE TABLE pin_pepper_check (
    id       BIGINT      NOT NULL PRIMARY KEY,
    verifier VARCHAR(64) NOT NULL
);
