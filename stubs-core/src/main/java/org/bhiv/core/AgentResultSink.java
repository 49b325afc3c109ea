package org.bhiv.core;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.bhiv.server.RedactionKey;
import org.bhiv.server.Json;
import org.bhiv.server.LogSafe;

/**
 * Writes Core's {@code agent_result} events to Bucket ({@code POST {bucket.url}/core/write-event}
 * as {@code bhiv_core}), fire-and-forget: the caller returns at once, each write has the
 * configured timeout (at most 2 s), at most {@code bucket.max-in-flight} writes run at once
 * (more are dropped and counted), and a failure is logged and counted, never reported to the
 * user. The event carries no user content: the input is recorded as its SHA-256 and length.
 * Thread-safe.
 */
final class AgentResultSink {

    private static final System.Logger LOGGER = System.getLogger(AgentResultSink.class.getName());
    static final String REQUESTER_ID = "bhiv_core";

    private final BucketConfig config;
    private final RedactionKey redaction;
    private final URI writeUri;
    private final HttpClient http;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("bucket-writer-", 0).factory());
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "bucket-writer-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private final Semaphore slots;
    private final LongAdder sent = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    AgentResultSink(BucketConfig config, RedactionKey redaction) {
        this.config = config;
        this.redaction = redaction;
        this.writeUri = URI.create(config.url() + "/core/write-event");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.slots = new Semaphore(config.maxInFlight());
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Sends the event in the background and returns at once.
     *
     * @param taskId   the task id, the event's trace_id
     * @param task     the request
     * @param decision what Core decided
     */
    void record(String taskId, TaskRequest task, Decision decision) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(event(taskId, task, decision, redaction));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent_result event is not serialisable", e);
        }
        if (!slots.tryAcquire()) {
            dropped.increment();
            LOGGER.log(Level.WARNING, "AGENT_RESULT_DROPPED | trace_id=" + taskId + " | reason=too_many_in_flight");
            return;
        }
        sent.increment();
        AtomicBoolean ended = new AtomicBoolean();
        try {
            Future<?> worker = workers.submit(() -> send(taskId, body, ended));
            // The request timeout covers the answer's headers; this bound covers everything.
            timer.schedule(() -> {
                if (end(ended, false, taskId, "timeout")) {
                    worker.cancel(true);
                }
            }, config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            end(ended, false, taskId, "closed");
        }
    }

    private void send(String taskId, byte[] body, AtomicBoolean ended) {
        var request = HttpRequest.newBuilder(writeUri).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("X-Trace-Id", taskId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (config.token() != null) {
            request.header("Authorization", "Bearer " + config.token());
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            end(ended, status / 100 == 2, taskId, "status " + status);
        } catch (java.io.IOException e) {
            end(ended, false, taskId, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends one write exactly once: counts it and frees its slot. */
    private boolean end(AtomicBoolean ended, boolean delivered, String taskId, String why) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        slots.release();
        if (delivered) {
            this.delivered.increment();
        } else {
            fail(taskId, why);
        }
        return true;
    }

    /** Stops the writer threads and the HTTP client; writes in progress are abandoned. */
    void close() {
        workers.shutdownNow();
        timer.shutdownNow();
        http.shutdownNow();
    }

    private void fail(String taskId, String why) {
        failed.increment();
        LOGGER.log(Level.WARNING, "AGENT_RESULT_FAILED | trace_id=" + taskId + " | error=" + LogSafe.value(why));
    }

    private static Map<String, Object> event(String taskId, TaskRequest task, Decision decision, RedactionKey redaction) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_id", "agent_result:" + taskId);
        data.put("event_type", "agent_result");
        data.put("trace_id", taskId);
        data.put("agent", task.agent());
        data.put("agent_id", task.agent());
        data.put("decision", decision.rule());
        data.put("requires_workflow", decision.requiresWorkflow());
        data.put("workflow_action_type", decision.actionType());
        data.put("user_id", task.userId() == null ? "system" : task.userId());
        data.put("input_type", task.inputType());
        data.put("tags", task.tags());
        // keyed (CONTRACTS 4): a plain hash of a short input is reversed by hashing guesses
        data.put("input", Map.of("redacted", true, "hmac_sha256", redaction.hmacHex(task.input()),
                "length", task.input().codePointCount(0, task.input().length())));
        data.put("timestamp", Instant.now().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requester_id", REQUESTER_ID);
        body.put("event_data", data);
        return body;
    }

    /** @return {@code {sent, delivered, failed, dropped, in_flight}} for the health answer */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("sent", sent.sum());
        stats.put("delivered", delivered.sum());
        stats.put("failed", failed.sum());
        stats.put("dropped", dropped.sum());
        stats.put("in_flight", config.maxInFlight() - slots.availablePermits());
        return stats;
    }
}
