package org.bhiv.bridge.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.bhiv.bridge.ExecutorProblem;
import org.bhiv.bridge.WorkflowClient;
import org.bhiv.bridge.WorkflowOutcome;
import org.bhiv.bridge.WorkflowOutcome.Cause;
import org.bhiv.bridge.WorkflowStats;

/**
 * The {@link WorkflowClient} on the JDK's HTTP client. The caller's thread validates, copies
 * the payload into the request body, takes an in-flight slot (or drops the call) and hands
 * the call to a virtual thread; a timer completes the call at its deadline whatever the
 * network does, and interrupts the worker. Immutable apart from counters; thread-safe.
 */
public final class HttpWorkflowClient implements WorkflowClient {

    private static final System.Logger LOGGER = System.getLogger(WorkflowClient.class.getName());

    private final ClientSettings settings;
    private final HttpClient http;
    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;
    private final Semaphore slots;
    private final Counters counters = new Counters();
    private final Delivery delivery;
    private final URI healthUri;
    private volatile boolean closed;

    /**
     * Use {@link WorkflowClient#builder()}.
     *
     * @param settings validated settings
     */
    public HttpWorkflowClient(ClientSettings settings) {
        this.settings = settings;
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("core-bridge-", 0).factory());
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "core-bridge-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        // Half the budget for connecting, so that a dropped SYN still leaves room for one retry.
        Duration connect = settings.timeout().dividedBy(2);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connect.isZero() ? settings.timeout() : connect)
                .build();
        this.slots = new Semaphore(settings.maxInFlight());
        this.delivery = new Delivery(http, settings, counters);
        this.healthUri = URI.create(settings.baseUri() + "/healthz");
    }

    @Override
    public Builder newBuilder() {
        return WorkflowClient.builder()
                .baseUri(settings.baseUri())
                .token(settings.token())
                .timeout(settings.timeout())
                .maxInFlight(settings.maxInFlight())
                .maxRetries(settings.maxRetries());
    }

    @Override
    public CompletionStage<WorkflowOutcome> executeWorkflow(String traceId, String actionType,
                                                            Map<String, ?> payload, String userId) {
        try {
            return start(traceId, actionType, payload, userId);
        } catch (RuntimeException e) {
            // The last line of defence of "never throws into the caller".
            LOGGER.log(Level.ERROR, "core-bridge failed to start a workflow call", e);
            return ended(new WorkflowOutcome.Unavailable(traceId, Cause.INTERNAL, 0,
                    "the bridge failed: " + e.getClass().getSimpleName(), 0));
        }
    }

    private CompletionStage<WorkflowOutcome> start(String traceId, String actionType, Map<String, ?> payload,
                                                   String userId) {
        List<ExecutorProblem.FieldError> invalid = Wire.invalidFields(traceId, actionType);
        if (!invalid.isEmpty()) {
            return ended(new WorkflowOutcome.Rejected(traceId, 422, Wire.localRefusal(traceId, invalid), true, 0));
        }
        byte[] body;
        try {
            body = Wire.executeBody(traceId, actionType, payload, userId);
        } catch (JsonProcessingException e) {
            var error = new ExecutorProblem.FieldError("data.payload", "cannot be written as JSON");
            return ended(new WorkflowOutcome.Rejected(traceId, 422, Wire.localRefusal(traceId, List.of(error)), true, 0));
        }
        if (closed) {
            return ended(closedOutcome(traceId, 0));
        }
        if (!slots.tryAcquire()) {
            return ended(new WorkflowOutcome.Dropped(traceId, settings.maxInFlight()));
        }
        counters.sent();
        Call call = new Call(traceId, body, System.nanoTime() + settings.timeout().toNanos());
        CompletableFuture<WorkflowOutcome> result = new CompletableFuture<>();
        runWithDeadline(result, outcome -> finish(call, result, outcome), () -> deliver(call), () -> timedOut(call));
        return result.minimalCompletionStage();
    }

    /**
     * Ends a call once: frees its slot and counts it before anyone can see the outcome, so that
     * {@link #stats()} read after a completed stage includes that call.
     */
    private boolean finish(Call call, CompletableFuture<WorkflowOutcome> result, WorkflowOutcome outcome) {
        if (!call.finished().compareAndSet(false, true)) {
            return false;
        }
        slots.release();
        counters.ended(outcome);
        return result.complete(outcome);
    }

    private WorkflowOutcome deliver(Call call) {
        try {
            return delivery.run(call);
        } catch (InterruptedException e) {
            // The deadline guard has already completed the call, or the client is closing.
            return closed ? closedOutcome(call.traceId(), call.attempts().get()) : timedOut(call);
        } catch (RuntimeException | Error e) {
            LOGGER.log(Level.ERROR, "core-bridge failed delivering trace_id " + call.traceId(), e);
            return new WorkflowOutcome.Unavailable(call.traceId(), Cause.INTERNAL, 0,
                    "the bridge failed: " + e.getClass().getSimpleName(), call.attempts().get());
        }
    }

    private WorkflowOutcome timedOut(Call call) {
        if (closed) {
            return closedOutcome(call.traceId(), call.attempts().get());
        }
        return new WorkflowOutcome.Unavailable(call.traceId(), Cause.TIMEOUT, 0,
                "no answer within " + settings.timeout(), call.attempts().get());
    }

    private static WorkflowOutcome closedOutcome(String traceId, int attempts) {
        return new WorkflowOutcome.Unavailable(traceId, Cause.CLOSED, 0, "the client is closed", attempts);
    }

    @Override
    public CompletionStage<Boolean> health() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        if (closed) {
            result.complete(false);
        } else {
            runWithDeadline(result, result::complete, this::probe, () -> false);
        }
        return result.minimalCompletionStage();
    }

    private boolean probe() {
        HttpRequest request = HttpRequest.newBuilder(healthUri).timeout(settings.timeout())
                .header("User-Agent", "bhiv-core-bridge").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code work} on a worker and completes with its value, or with {@code onDeadline}
     * when the timeout passes first (then the worker is interrupted). {@code complete} is the
     * one way {@code result} is completed; it returns false when it already was.
     */
    private <T> void runWithDeadline(CompletableFuture<T> result, Predicate<T> complete, Supplier<T> work,
                                     Supplier<T> onDeadline) {
        try {
            Future<?> worker = workers.submit(() -> complete.test(work.get()));
            var guard = timer.schedule(() -> {
                if (complete.test(onDeadline.get())) {
                    worker.cancel(true);
                }
            }, settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((value, never) -> guard.cancel(false));
        } catch (RejectedExecutionException e) {
            // Closed concurrently.
            complete.test(onDeadline.get());
        }
    }

    private CompletionStage<WorkflowOutcome> ended(WorkflowOutcome outcome) {
        counters.ended(outcome);
        return CompletableFuture.completedStage(outcome);
    }

    @Override
    public WorkflowStats stats() {
        return counters.snapshot(settings.maxInFlight() - slots.availablePermits());
    }

    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
        timer.shutdownNow();
        http.shutdownNow();
    }

    @Override
    public String toString() {
        return "WorkflowClient[" + settings + "]";
    }
}
