/**
 * Idempotency of workflow executions (contracts 3.4): request fingerprints over canonical JSON,
 * the layer around the workflow seam that claims a key and replays, refuses (409, 422) or runs
 * once and stores the answer with its outbox events, the idempotency config, and the scheduled
 * purge of expired keys. See {@code docs/executor-store.md}.
 */
package org.bhiv.executor.idempotency;
