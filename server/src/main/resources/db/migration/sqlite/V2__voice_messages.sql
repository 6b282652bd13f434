-- Voice messages, each stored with its audio in the same row: a message never exists without its audio, and
-- the audio goes when the message goes.
CREATE TABLE voice_message (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    mailbox_id     VARCHAR(36)  NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    caller_name    VARCHAR(100),
    caller_number  VARCHAR(64),
    caller_private BOOLEAN      NOT NULL DEFAULT 0,
    received_at    BIGINT       NOT NULL,
    duration_ms    INTEGER      NOT NULL,
    urgent         BOOLEAN      NOT NULL DEFAULT 0,
    heard          BOOLEAN      NOT NULL DEFAULT 0,
    audio_format   VARCHAR(16)  NOT NULL,
    audio          BLOB         NOT NULL
);
CREATE INDEX voice_message_mailbox ON voice_message (mailbox_id, received_at);
