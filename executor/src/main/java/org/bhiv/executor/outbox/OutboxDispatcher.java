package org.bhiv.executor.outbox;

import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Delivers the outbox in the background: one loop per enabled sink on a virtual thread, woken at
 * once by {@link Outbox#afterCommit()} and at least every {@code integrations.outbox.scan-interval}
 * (due retries, events written by other replicas). Each pass claims up to
 * {@code integrations.outbox.batch-size} due events and sends them concurrently. Create one per
 * process, {@link #start()} it after the store is open, {@link #shutdown(Duration)} it before the
 * store closes. See {@code docs/outbox.md} for the states and the retry policy.
 */
public final class OutboxDispatcher {

    private static final System.Logger LOGGER = System.getLogger(OutboxDispatcher.class.getName());
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Outbox outbox;
    private final IntegrationsConfig config;
    private final HttpClient http;
    private final Backoff backoff;
    private final String token = UUID.randomUUID().toString();
    private final Map<Sink, SinkClient> clients = new EnumMap<>(Sink.class);
    private final List<Thread> threads = new ArrayList<>();
    private final WakeSignal housekeeping = new WakeSignal();
    private volatile boolean running;
    private boolean stopped;
    private volatile long drainDeadline = Long.MAX_VALUE;

    private OutboxDispatcher(Outbox outbox, Backoff backoff) {
        this.outbox = outbox;
        this.config = outbox.config();
        this.http = SinkClient.httpClient(config.timeout());
        this.backoff = backoff;
        for (Sink sink : outbox.enabledSinks()) {
            clients.put(sink, new SinkClient(http, config.sink(sink), config.timeout()));
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
            threads.add(Thread.ofVirtual().name("outbox-" + sink.wireName()).start(new SinkLoop(sink)));
        }
        threads.add(Thread.ofVirtual().name("outbox-housekeeping").start(this::housekeeping));
    }

    /** Wakes the sink loops at once; the same as {@link Outbox#afterCommit()}. */
    public void wakeUp() {
        outbox.afterCommit();
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
        http.close();
        LOGGER.log(Level.INFO, "Outbox dispatcher stopped" + (clean ? "" : " (drain deadline reached, the rest stays pending)"));
        return clean;
    }

    /** @return the shutdown drain timeout from config, for {@code shutdown(dispatcher.drainTimeout())} */
    public Duration drainTimeout() {
        return config.drainTimeout();
    }

    private boolean draining() {
        return drainDeadline != Long.MAX_VALUE;
    }

    private boolean stopping() {
        return !running || outbox.clock().millis() >= drainDeadline;
    }

    private void wakeAll() {
        outbox.afterCommit();
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
        while (running && !draining()) {
            try {
                outbox.stats(); // refreshes the pending gauges
                long now = outbox.clock().millis();
                if (now >= nextPurge) {
                    outbox.store().purge(now - config.retention().toMillis());
                    nextPurge = now + PURGE_EVERY.toMillis();
                }
            } catch (SQLException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "Outbox housekeeping failed: " + e);
            }
            housekeeping.await(config.scanInterval().toMillis());
        }
    }

    /** One sink's delivery loop. Only its own thread touches its fields. */
    private final class SinkLoop implements Runnable {
        private final Sink sink;
        private final SinkMetrics metrics;
        private final WakeSignal signal;
        private final SinkAttempt attempt;
        private int consecutiveFailures;
        private int pauses;
        private long pausedUntil;

        SinkLoop(Sink sink) {
            this.sink = sink;
            this.metrics = outbox.metrics(sink);
            this.signal = outbox.signal(sink);
            this.attempt = new SinkAttempt(sink, clients.get(sink), outbox, backoff, token);
        }

        @Override
        public void run() {
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                while (!stopping()) {
                    try {
                        if (!pass(senders)) {
                            if (draining()) {
                                return;
                            }
                            idle();
                        }
                    } catch (SQLException | RuntimeException e) {
                        LOGGER.log(Level.WARNING, "Outbox " + sink.wireName() + " pass failed, retrying: " + e);
                        signal.await(config.scanInterval().toMillis());
                    }
                }
            }
        }

        /** @return whether there was something to do (a batch was sent, or the sink is paused) */
        private boolean pass(ExecutorService senders) throws SQLException {
            long now = outbox.clock().millis();
            if (pausedUntil > now) {
                if (draining()) {
                    return false; // a paused sink is not hammered during shutdown
                }
                signal.await(pausedUntil - now);
                return true;
            }
            boolean probing = consecutiveFailures >= config.pauseAfterFailures();
            long leaseUntil = now + config.timeout().plus(LEASE_MARGIN).toMillis();
            var batch = outbox.store().claim(sink, probing ? 1 : config.batchSize(), now, leaseUntil, token);
            if (batch.isEmpty()) {
                return false;
            }
            List<Future<AttemptResult>> results = new ArrayList<>(batch.size());
            for (var event : batch) {
                results.add(senders.submit(() -> attempt.deliver(event, probing)));
            }
            for (Future<AttemptResult> f : results) {
                account(awaitResult(f));
            }
            return true;
        }

        private void account(AttemptResult result) {
            switch (result) {
                case AttemptResult.Retryable r -> {
                    consecutiveFailures++;
                    if (consecutiveFailures >= config.pauseAfterFailures() && pausedUntil <= outbox.clock().millis()) {
                        // one pause per failed pass: a failed batch of 32 is one step up, not 32
                        Duration pause = backoff.pause(++pauses);
                        pausedUntil = outbox.clock().millis() + pause.toMillis();
                        if (!metrics.backingOff()) {
                            LOGGER.log(Level.WARNING, "INTEGRATION_PAUSED | sink=" + sink.wireName()
                                    + " | consecutive_failures=" + consecutiveFailures + " | pause_ms=" + pause.toMillis());
                        }
                        metrics.backingOff(true);
                    }
                }
                case AttemptResult.Delivered d -> resume();
                case AttemptResult.Rejected rej -> resume(); // the sink answers: it is up
                case AttemptResult.Aborted a -> { }
            }
        }

        private void resume() {
            if (metrics.backingOff()) {
                LOGGER.log(Level.INFO, "INTEGRATION_RESUMED | sink=" + sink.wireName()
                        + " | after_failures=" + consecutiveFailures);
            }
            consecutiveFailures = 0;
            pauses = 0;
            pausedUntil = 0;
            metrics.backingOff(false);
        }

        private AttemptResult awaitResult(Future<AttemptResult> f) {
            try {
                return f.get();
            } catch (ExecutionException e) {
                LOGGER.log(Level.WARNING, "Outbox " + sink.wireName() + " attempt failed unexpectedly: " + e.getCause());
                return new AttemptResult.Aborted();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new AttemptResult.Aborted();
            }
        }

        private void idle() throws SQLException {
            long now = outbox.clock().millis();
            long nextDue = outbox.store().nextDue(sink);
            long wait = Math.min(config.scanInterval().toMillis(), Math.max(1, nextDue - now));
            signal.await(wait);
        }
    }
}
