-- Reserved words of either database (value, key, ...) are not used as names.
-- Baseline of the executor's schema. Later migrations (V2, V3, ...) add the execution store,
-- the idempotency keys, the task store and the outbox. One dialect for H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE store_info (
    info_key   VARCHAR(64) PRIMARY KEY,
    info_value VARCHAR(256) NOT NULL
);
INSERT INTO store_info (info_key, info_value) VALUES ('schema', 'bhiv-workflow-executor');
