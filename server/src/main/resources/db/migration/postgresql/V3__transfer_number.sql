-- Webex transferToNumber: a caller who presses 0 while leaving a message is transferred there.
ALTER TABLE mailbox ADD COLUMN transfer_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE mailbox ADD COLUMN transfer_number VARCHAR(32);
