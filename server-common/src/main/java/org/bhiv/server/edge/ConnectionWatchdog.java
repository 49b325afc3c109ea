package org.bhiv.server.edge;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Closes a connection whose request head or body arrives too slowly. Helidon 4.5 runs each
 * HTTP/1 connection on its own virtual thread and reads it with blocking channel I/O, so the
 * watchdog tracks each connection thread's phase (head, body, routing, idle) from Helidon's
 * receive events and the {@link EdgeFilter}, and interrupts a thread that stays too long in the
 * head, or in the body while it is reading it: the interrupt closes the channel under the
 * blocked read. A thread that is not reading its body is never interrupted (entering and leaving
 * a read and the watchdog's check take the same lock), so a request being executed is never cut.
 */
final class ConnectionWatchdog implements Http1ConnectionListener {

    private static final long TICK_MS = 200;

    private final Map<Thread, Phase> phases = new ConcurrentHashMap<>();
    private final long headerNanos;
    private final long bodyNanos;

    ConnectionWatchdog(EdgeConfig config) {
        this.headerNanos = config.headerReadTimeout().toNanos();
        this.bodyNanos = config.bodyReadTimeout().toNanos();
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        phases.computeIfAbsent(Thread.currentThread(), t -> new Phase()).enter(State.HEAD);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        boolean body;
        try {
            body = headers.contains(HeaderNames.TRANSFER_ENCODING) || headers.contentLength().orElse(0) > 0;
        } catch (RuntimeException e) {
            body = true;    // an invalid Content-Length; Helidon refuses it right after this
        }
        phases.computeIfAbsent(Thread.currentThread(), t -> new Phase()).enter(body ? State.BODY : State.ROUTING);
    }

    /** @return the current connection thread's phase, for its body stream; {@code null} if untracked */
    Phase phase() {
        return phases.get(Thread.currentThread());
    }

    /** The current thread's request is answered; the connection waits for the next one. */
    void requestDone() {
        Phase phase = phases.get(Thread.currentThread());
        if (phase != null) {
            phase.enter(State.IDLE);
        }
    }

    /**
     * Runs the watchdog on a virtual thread until {@code running} turns false.
     *
     * @param running whether the server still runs
     */
    void start(BooleanSupplier running) {
        Thread.ofVirtual().name("http-edge-watchdog").start(() -> {
            try {
                while (running.getAsBoolean()) {
                    Thread.sleep(Duration.ofMillis(TICK_MS));
                    sweep(System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void sweep(long now) {
        phases.forEach((thread, phase) -> {
            if (!thread.isAlive()) {
                phases.remove(thread);
            } else {
                phase.expire(thread, now, headerNanos, bodyNanos);
            }
        });
    }

    private enum State { HEAD, BODY, ROUTING, IDLE, CLOSED }

    /** One connection thread's phase; changes and the watchdog's check are serialised on it. */
    static final class Phase {
        private State state = State.IDLE;
        private long since = System.nanoTime();
        private boolean reading;

        synchronized void enter(State next) {
            if (state != State.CLOSED) {
                state = next;
                since = System.nanoTime();
            }
        }

        /**
         * Starts reading an unread body only to discard it, with a fresh body-read budget.
         *
         * @return false when the watchdog gave up on this connection
         */
        synchronized boolean beginDrain() {
            if (state == State.CLOSED) {
                return false;
            }
            state = State.BODY;
            since = System.nanoTime();
            reading = true;
            return true;
        }

        /** @return false when the watchdog gave up on this connection: do not read */
        synchronized boolean beginRead() {
            reading = state != State.CLOSED;
            return reading;
        }

        /**
         * @param end whether the body ended
         * @return false when the watchdog gave up on this connection during the read
         */
        synchronized boolean endRead(boolean end) {
            reading = false;
            if (state == State.CLOSED) {
                return false;
            }
            if (end && state == State.BODY) {
                state = State.ROUTING;
            }
            return true;
        }

        synchronized void expire(Thread thread, long now, long headerNanos, long bodyNanos) {
            long limit = switch (state) {
                case HEAD -> headerNanos;
                case BODY -> reading ? bodyNanos : Long.MAX_VALUE;
                default -> Long.MAX_VALUE;
            };
            if (limit != Long.MAX_VALUE && now - since > limit) {
                state = State.CLOSED;
                thread.interrupt();
            }
        }
    }
}
