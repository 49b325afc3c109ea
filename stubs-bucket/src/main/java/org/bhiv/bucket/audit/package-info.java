/**
 * The append-only audit trail: records sealed into a SHA-256 hash chain over canonical JSON
 * ({@code org.bhiv.server.CanonicalJson}),
 * a bounded in-memory store that never evicts, and the JSON-lines journal that is replayed and
 * verified at start.
 */
package org.bhiv.bucket.audit;
