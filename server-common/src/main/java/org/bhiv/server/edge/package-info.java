/**
 * The HTTP edge every service shares: read timeouts for a request's head and body (Helidon 4.5
 * has an idle-connection timeout but none for a request that arrives slowly), a connection that
 * really closes after a response saying {@code Connection: close} or a body left unread, and
 * Helidon's HTTP/1 wire logging switched off so that no body reaches a log.
 */
package org.bhiv.server.edge;
