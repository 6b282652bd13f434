-- The PIN pepper's check value (issue 10): HMAC-SHA256(pepper, a fixed label) in hex, written on first use. At start
-- the pepper must match it, so a lost or changed pepper stops Voxbox instead of silently invalidating every PIN.
-- One row, id 1 (the code writes no other). STRICT, like every SQLite table. (V9 is left free for work done alongside.)
CREATE TABLE pin_pepper_check (
    id       INTEGER NOT NULL PRIMARY KEY,
    verifier TEXT    NOT NULL CHECK (length(verifier) <= 64)
) STRICT;
