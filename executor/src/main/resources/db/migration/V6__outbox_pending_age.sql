-- The oldest pending event of a sink, read every scan interval for /healthz, from the first entry
-- of this index instead of a scan of the backlog (docs/outbox.md, "Observability"). created_at only
-- grows within a process, so the entries are added at one end and removed at the other.
CREATE INDEX outbox_pending_age_idx ON outbox_pending (sink, created_at);
