-- Greetings and the recorded name, recorded by phone (uploads come later): at most one of each kind per
-- mailbox, replaced when recorded again. Whether callers hear the custom busy / no-answer greeting or the
-- system one is the mailbox's choice (Webex sendBusyCalls.greeting / sendUnansweredCalls.greeting), so going
-- back to the system greeting keeps the recording.
CREATE TABLE greeting (
    mailbox_id   VARCHAR(36) NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    kind         VARCHAR(16) NOT NULL,
    recorded_at  BIGINT      NOT NULL,
    duration_ms  INTEGER     NOT NULL,
    audio_format VARCHAR(32) NOT NULL,
    audio        BLOB        NOT NULL,
    PRIMARY KEY (mailbox_id, kind)
);
ALTER TABLE mailbox ADD COLUMN busy_greeting VARCHAR(8) NOT NULL DEFAULT 'DEFAULT';
ALTER TABLE mailbox ADD COLUMN no_answer_greeting VARCHAR(8) NOT NULL DEFAULT 'DEFAULT';
