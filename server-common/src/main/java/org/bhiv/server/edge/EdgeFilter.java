package org.bhiv.server.edge;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The first filter of every service. It tells the {@link ConnectionWatchdog} when a body has
 * been read and when a request is answered, and it ends the connection after a response when
 * the request or the response said {@code Connection: close}, or the body was not read to its
 * end: Helidon 4.5 would otherwise go on parsing the connection (the rest of an unread or
 * malformed body included) as further requests.
 */
final class EdgeFilter implements Filter {

    /** Largest unread body drained before closing (declared Content-Length). */
    private static final long MAX_DRAIN = 4L * 1024 * 1024;

    private final ConnectionWatchdog watchdog;

    EdgeFilter(ConnectionWatchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        ConnectionWatchdog.Phase phase = watchdog.phase();
        if (phase != null) {
            req.streamFilter(in -> new WatchedBody(in, phase));
        }
        boolean unread;
        try {
            chain.proceed();
            unread = req.content().hasEntity() && !req.content().consumed();
            if (unread && res.isSent() && phase != null) {
                drain(req, phase);
            }
        } finally {
            watchdog.requestDone();
        }
        boolean close = unread || req.headers().containsToken(HeaderValues.CONNECTION_CLOSE)
                || res.headers().containsToken(HeaderValues.CONNECTION_CLOSE);
        if (close && res.isSent()) {
            throw new CloseConnectionException("Connection closed after the response (Connection: close or body not read)");
        }
    }

    /**
     * Reads and discards the rest of a body the service did not read (a 401 or 413 answered
     * early), when its declared length is modest, so that the client, still sending it, reads
     * the answer instead of a connection reset. Bounded by the body read timeout; a body whose
     * framing is broken or unknown (chunked) is not drained: the connection just closes.
     */
    private static void drain(RoutingRequest req, ConnectionWatchdog.Phase phase) {
        long declared;
        try {
            declared = req.headers().contentLength().orElse(-1);
        } catch (RuntimeException e) {
            return;
        }
        if (declared < 0 || declared > MAX_DRAIN || !phase.beginDrain()) {
            return;
        }
        try {
            req.content().consume();
        } catch (RuntimeException e) {
            // timed out or failed: the connection closes either way
        } finally {
            phase.endRead(true);
        }
    }

    /** Tells the watchdog when the body is being read and when it ends; stops once the watchdog gave up. */
    private static final class WatchedBody extends FilterInputStream {
        private final ConnectionWatchdog.Phase phase;

        WatchedBody(InputStream in, ConnectionWatchdog.Phase phase) {
            super(in);
            this.phase = phase;
        }

        @Override
        public int read() throws IOException {
            begin();
            int b;
            try {
                b = super.read();
            } catch (IOException | RuntimeException e) {
                end(false);
                throw e;
            }
            end(b < 0);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            begin();
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                end(false);
                throw e;
            }
            end(n < 0);
            return n;
        }

        private void begin() throws IOException {
            if (!phase.beginRead()) {
                throw timedOut();
            }
        }

        private void end(boolean eof) throws IOException {
            if (!phase.endRead(eof)) {
                throw timedOut();
            }
        }

        private static InterruptedIOException timedOut() {
            return new InterruptedIOException("The request body took longer than the body read timeout");
        }
    }
}
