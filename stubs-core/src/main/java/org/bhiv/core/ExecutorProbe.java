package org.bhiv.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.bhiv.bridge.WorkflowClient;

/**
 * Asks the executor's {@code /healthz} in the background, one probe at a time, every
 * {@code workflow-executor.health-interval}, and keeps the last answer, so that Core's
 * {@code /health} never waits on the executor. Each probe ends within the bridge's timeout.
 */
final class ExecutorProbe implements AutoCloseable {

    /** The last probe's answer; {@code checkedAt} is {@code null} before the first one ended. */
    record Result(boolean reachable, Instant checkedAt) {
    }

    private static final System.Logger LOGGER = System.getLogger(ExecutorProbe.class.getName());

    private final WorkflowClient workflows;
    private final Duration interval;
    private final Clock clock;
    private final AtomicReference<Result> last = new AtomicReference<>(new Result(false, null));
    private final ScheduledExecutorService scheduler;

    ExecutorProbe(WorkflowClient workflows, Duration interval, Clock clock) {
        this.workflows = workflows;
        this.interval = interval;
        this.clock = clock;
        var executor = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("core-executor-probe").factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = executor;
    }

    /** Starts probing now, then every interval after each probe ended. */
    void start() {
        scheduler.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the last probe's answer */
    Result last() {
        return last.get();
    }

    private void probe() {
        boolean reachable;
        try {
            // health() itself ends within the bridge's timeout; the extra second is only a backstop.
            reachable = workflows.health().toCompletableFuture()
                    .get(WorkflowClient.MAX_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            reachable = false;
        }
        Result previous = last.getAndSet(new Result(reachable, Instant.now(clock)));
        if (previous.checkedAt() == null || previous.reachable() != reachable) {
            LOGGER.log(reachable ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    "Workflow executor " + (reachable ? "reachable" : "NOT reachable") + " (GET /healthz)");
        }
    }

    /** Stops probing; a probe in progress is interrupted. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
