/**
 * Server plumbing shared by every BHIV service: problem+json errors, JSON request bodies,
 * start-up of a Helidon server with health and metrics, and log files.
 * Bearer-token identities live in {@link org.bhiv.server.auth}.
 */
package org.bhiv.server;
