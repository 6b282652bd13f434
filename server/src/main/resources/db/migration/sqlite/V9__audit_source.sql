-- Audit of privileged work (issue 10): the network address a sign-in came from (the transport address as Tomcat
-- resolved it, a trusted proxy's X-Forwarded-For included), and an index for the filters by type, actor and
-- target. An IPv6 text form is at most 45 characters.
ALTER TABLE audit_event ADD COLUMN source_address TEXT CHECK (length(source_address) <= 45);
CREATE INDEX audit_event_org_type_time ON audit_event (org_id, type, occurred_at);
