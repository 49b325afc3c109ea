-- What the operations endpoints read (docs/console.md): the latest executions filtered by
-- user, and the dead outbox events. One dialect for H2 (PostgreSQL mode) and PostgreSQL.

-- The payload's user_id as the Karma event names it ("system" when none); at most 128 characters
-- (WorkflowShape). Rows stored before this migration have none.
ALTER TABLE executions ADD COLUMN user_id VARCHAR(128);
-- GET /api/workflow/executions reads newest first, from this index, and stops at its limit.
CREATE INDEX executions_by_received ON executions (received_at, execution_id);
-- Dead events are few; this index lets the list and the depth gauge read them without scanning
-- every delivered event (one more index write per finished event).
CREATE INDEX outbox_finished_state_idx ON outbox_finished (state, id);
