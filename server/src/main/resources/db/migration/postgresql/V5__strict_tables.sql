-- The same schema as SQLite's V5 (which makes SQLite refuse what PostgreSQL refuses; SchemaParityTest compares
-- the two column by column): voice_message.audio_format is 32 characters (the 22 of 'audio/x-wav;codec=ulaw'
-- did not fit in 16, so every deposited message was refused), and the greeting choices and kinds are checked
-- against their values.
ALTER TABLE voice_message ALTER COLUMN audio_format TYPE VARCHAR(32);
ALTER TABLE mailbox ADD CONSTRAINT mailbox_busy_greeting_check CHECK (busy_greeting IN ('DEFAULT', 'CUSTOM'));
ALTER TABLE mailbox ADD CONSTRAINT mailbox_no_answer_greeting_check
    CHECK (no_answer_greeting IN ('DEFAULT', 'CUSTOM'));
ALTER TABLE greeting ADD CONSTRAINT greeting_kind_check CHECK (kind IN ('BUSY', 'NO_ANSWER', 'NAME'));
