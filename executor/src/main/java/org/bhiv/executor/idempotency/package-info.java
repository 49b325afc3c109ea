/**
 * Idempotency of workflow executions (contracts 3.4): request fingerprints over canonical JSON,
 * the idempotency config, and the scheduled purge of expired keys.
 */
package org.bhiv.executor.idempotency;
