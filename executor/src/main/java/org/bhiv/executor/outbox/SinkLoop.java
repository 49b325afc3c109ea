package org.bhiv.executor.outbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One sink's delivery loop, on its own virtual thread (only that thread touches the fields).
 * A pass claims due events (one, the probe, while the sink is paused), sends them concurrently,
 * and accounts for the outcomes: failures in a row pause the sink, an answer resumes it.
 */
final class SinkLoop implements Runnable {

    /** What the loop asks its dispatcher. */
    interface Lifecycle {
        /** @return true when the loop must end now */
        boolean stopping();

        /** @return true once shutdown began: the loop ends as soon as nothing is due */
        boolean draining();
    }

    private static final System.Logger LOGGER = System.getLogger(SinkLoop.class.getName());
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    private final Sink sink;
    private final Outbox outbox;
    private final IntegrationsConfig config;
    private final SinkMetrics metrics;
    private final WakeSignal signal;
    private final SinkAttempt attempt;
    private final Backoff backoff;
    private final String claimToken;
    private final Lifecycle lifecycle;
    private int consecutiveFailures;
    private int pauses;
    private long pausedUntil;

    SinkLoop(Sink sink, Outbox outbox, SinkAttempt attempt, Backoff backoff, String claimToken, Lifecycle lifecycle) {
        this.sink = sink;
        this.outbox = outbox;
        this.config = outbox.config();
        this.metrics = outbox.metrics(sink);
        this.signal = outbox.signal(sink);
        this.attempt = attempt;
        this.backoff = backoff;
        this.claimToken = claimToken;
        this.lifecycle = lifecycle;
    }

    @Override
    public void run() {
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            while (!lifecycle.stopping()) {
                try {
                    if (!pass(senders)) {
                        if (lifecycle.draining()) {
                            return;
                        }
                        idle();
                    }
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "Outbox " + sink.wireName() + " pass failed, retrying: " + e);
                    signal.await(config.scanInterval().toMillis());
                }
            }
        }
    }

    /** @return whether there was something to do (a batch was sent, or the sink is paused) */
    private boolean pass(ExecutorService senders) {
        long now = outbox.clock().millis();
        if (pausedUntil > now) {
            if (lifecycle.draining()) {
                return false; // a paused sink is not hammered during shutdown
            }
            signal.await(pausedUntil - now); // commits do not wake a paused sink, shutdown does
            return true;
        }
        boolean probing = consecutiveFailures >= config.pauseAfterFailures();
        Instant at = Instant.ofEpochMilli(now);
        Instant leaseUntil = at.plus(config.passTimeout()).plus(LEASE_MARGIN);
        var batch = outbox.store().claim(sink.wireName(), probing ? 1 : config.batchSize(), at, leaseUntil, claimToken);
        if (batch.isEmpty()) {
            return false;
        }
        List<Future<SinkAttempt.Step>> attempts = new ArrayList<>(batch.size());
        for (var event : batch) {
            attempts.add(senders.submit(() -> attempt.attempt(event, probing)));
        }
        List<SinkAttempt.Step> steps = new ArrayList<>(batch.size());
        for (Future<SinkAttempt.Step> f : attempts) {
            SinkAttempt.Step step = awaitStep(f);
            if (step != null) {
                steps.add(step);
            }
        }
        // one write for the whole pass; a claim that failed to be recorded is retried after its lease
        boolean[] recorded = outbox.store().finish(steps.stream().map(SinkAttempt.Step::finish).toList(), claimToken);
        for (int i = 0; i < steps.size(); i++) {
            if (recorded[i]) {
                steps.get(i).onRecorded().run();
            }
            account(steps.get(i).result());
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
            case AttemptResult.Expired e -> { }
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

    /** @return the attempt's step, or null when it failed unexpectedly (its claim ends with its lease) */
    private SinkAttempt.Step awaitStep(Future<SinkAttempt.Step> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            LOGGER.log(Level.WARNING, "Outbox " + sink.wireName() + " attempt failed unexpectedly: " + e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void idle() {
        long now = outbox.clock().millis();
        Instant nextDue = outbox.store().nextDue(sink.wireName());
        long untilDue = nextDue == null ? Long.MAX_VALUE : nextDue.toEpochMilli() - now;
        long wait = Math.min(config.scanInterval().toMillis(), Math.max(1, untilDue));
        signal.await(wait);
    }
}
