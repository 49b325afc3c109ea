package org.bhiv.executor.outbox;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers the outbox in the background: one loop per enabled sink on a virtual thread, woken at
 * once by {@link Outbox#afterCommit()} and at least every {@code integrations.outbox.scan-interval}
 * (due retries, events written by other replicas). Each pass claims up to
 * {@code integrations.outbox.batch-size} due events and sends them, at most
 * {@code integrations.outbox.concurrency} at a time. Create one per
 * process, {@link #start()} it after the store is open, {@link #shutdown(Duration)} it before the
 * store closes. See {@code docs/outbox.md} for the states and the retry policy.
 */
public final class OutboxDispatcher {

    private static final System.Logger LOGGER = System.getLogger(OutboxDispatcher.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    /** The backlog is read at most 1/20 of the time: counting a large backlog costs tens of milliseconds. */
    private static final int READ_PACE = 20;

    private final Outbox outbox;
    private final IntegrationsConfig config;
    private final HttpClient http;
    private final Backoff backoff;
    private final String claimToken = UUID.randomUUID().toString(); // marks the rows this dispatcher holds
    private final Map<Sink, SinkClient> clients = new EnumMap<>(Sink.class);
    private final List<Thread> threads = new ArrayList<>();
    private final WakeSignal housekeeping = new WakeSignal();
    private volatile boolean running;
    private boolean stopped;
    private volatile long drainDeadline = Long.MAX_VALUE;
    private final SinkLoop.Lifecycle lifecycle = new SinkLoop.Lifecycle() {
        @Override
        public boolean stopping() {
            return !running || outbox.clock().millis() >= drainDeadline;
        }

        @Override
        public boolean draining() {
            return drainDeadline != Long.MAX_VALUE;
        }
    };

    private OutboxDispatcher(Outbox outbox, Backoff backoff) {
        this.outbox = outbox;
        this.config = outbox.config();
        this.http = SinkClient.httpClient(config.timeout());
        this.backoff = backoff;
        for (Sink sink : outbox.enabledSinks()) {
            clients.put(sink, new SinkClient(http, config.sink(sink), config.timeout(), config.concurrency()));
        }
    }

    /**
     * @param outbox the outbox to deliver
     * @return a dispatcher, not started
     */
    public static OutboxDispatcher create(Outbox outbox) {
        return new OutboxDispatcher(outbox, Backoff.create(outbox.config()));
    }

    static OutboxDispatcher create(Outbox outbox, Backoff backoff) {
        return new OutboxDispatcher(outbox, backoff);
    }

    /**
     * Starts the sink loops; pending events already in the database (an earlier run's) are
     * delivered at once. Calling it again is harmless.
     *
     * @throws IllegalStateException after {@link #shutdown(Duration)}: a dispatcher is not restartable, create a new one
     */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("This outbox dispatcher was shut down; create a new one to deliver again");
        }
        if (running) {
            return;
        }
        running = true;
        drainDeadline = Long.MAX_VALUE;
        for (Sink sink : clients.keySet()) {
            var attempt = new SinkAttempt(sink, clients.get(sink), outbox, backoff);
            var loop = new SinkLoop(sink, outbox, attempt, backoff, claimToken, lifecycle);
            threads.add(Thread.ofVirtual().name("outbox-" + sink.wireName()).start(loop));
        }
        threads.add(Thread.ofVirtual().name("outbox-housekeeping").start(this::housekeeping));
    }

    /**
     * Drains, then stops: keeps delivering due events for up to {@code drain}, then cancels
     * attempts still in flight (they stay pending, unclaimed) and stops the loops. What is not
     * delivered stays in the database for the next start.
     *
     * @param drain how long to keep delivering ({@code integrations.drain-timeout} in the service)
     * @return true when no sink loop was still busy at the deadline
     */
    public boolean shutdown(Duration drain) {
        List<Thread> toJoin;
        synchronized (this) {
            if (!running) {
                stopped = true;
                http.shutdownNow();
                return true;
            }
            stopped = true;
            drainDeadline = outbox.clock().millis() + drain.toMillis();
            toJoin = List.copyOf(threads);
            threads.clear();
        }
        wakeAll();
        boolean clean = join(toJoin, drain);
        if (!clean) {
            clients.values().forEach(SinkClient::abortInFlight);
        }
        running = false;
        wakeAll();
        join(toJoin, Duration.ofSeconds(2));
        http.shutdownNow(); // never waits: every attempt has ended or was cancelled
        LOGGER.log(Level.INFO, "Outbox dispatcher stopped" + (clean ? "" : " (drain deadline reached, the rest stays pending)"));
        return clean;
    }

    /** @return the shutdown drain timeout from config, for {@code shutdown(dispatcher.drainTimeout())} */
    public Duration drainTimeout() {
        return config.drainTimeout();
    }

    private void wakeAll() {
        // paused sinks too (afterCommit skips them): shutdown must not wait for a pause to end
        for (Sink sink : Sink.values()) {
            outbox.signal(sink).raise();
        }
        housekeeping.raise();
    }

    private static boolean join(List<Thread> threads, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void housekeeping() {
        long nextPurge = 0;
        while (running && !lifecycle.draining()) {
            long wait = config.scanInterval().toMillis();
            try {
                long started = System.nanoTime();
                outbox.stats(); // refreshes the health snapshot and the pending gauges
                wait = Math.max(wait, READ_PACE * (System.nanoTime() - started) / 1_000_000);
                long now = outbox.clock().millis();
                if (now >= nextPurge) {
                    outbox.store().purge(outbox.clock().instant().minus(config.retention()));
                    nextPurge = now + PURGE_EVERY.toMillis();
                }
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Outbox housekeeping failed: " + e);
            }
            housekeeping.await(wait);
        }
    }
}
