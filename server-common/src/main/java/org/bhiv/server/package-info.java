/**
 * Server plumbing shared by every BHIV service: problem+json errors (also for what Helidon
 * refuses before routing), JSON request bodies (well-formed UTF-16 required), canonical JSON
 * and SHA-256 ({@link org.bhiv.server.CanonicalJson}, {@link org.bhiv.server.Hashing}),
 * start-up of a Helidon server with health and metrics, hermetic test config, and log files.
 * Bearer-token identities live in {@link org.bhiv.server.auth}.
 */
package org.bhiv.server;
