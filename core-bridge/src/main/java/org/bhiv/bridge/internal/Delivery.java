package org.bhiv.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.bhiv.bridge.WorkflowOutcome;
import org.bhiv.bridge.WorkflowOutcome.Cause;

/**
 * The attempt loop of one call, run on a worker thread: send, classify the answer, and retry
 * connection failures, timeouts and 503s while the retry budget and the deadline allow.
 * Blocking is fine here (virtual threads); the caller never runs this.
 */
final class Delivery {

    /** An answer larger than this is not the executor's: refused as unreadable. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;
    /** A retry is only started when at least this much of the budget is left after the backoff. */
    static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final HttpClient http;
    private final ClientSettings settings;
    private final URI executeUri;
    private final Counters counters;

    Delivery(HttpClient http, ClientSettings settings, Counters counters) {
        this.http = http;
        this.settings = settings;
        this.executeUri = URI.create(settings.baseUri() + "/api/workflow/execute");
        this.counters = counters;
    }

    /**
     * Delivers the call.
     *
     * @param call the call
     * @return how it ended
     * @throws InterruptedException when the deadline guard or {@code close()} stopped it
     */
    WorkflowOutcome run(Call call) throws InterruptedException {
        while (true) {
            int attempt = call.attempts().incrementAndGet();
            Attempt result = attempt(call, attempt);
            if (!result.retryable() || attempt > settings.maxRetries()) {
                return result.outcome();
            }
            long pause = Backoff.beforeRetry(attempt);
            if (call.remaining() - pause < MIN_ATTEMPT_NANOS) {
                return result.outcome();
            }
            counters.retried();
            TimeUnit.NANOSECONDS.sleep(pause);
        }
    }

    private Attempt attempt(Call call, int attempt) throws InterruptedException {
        long remaining = call.remaining();
        if (remaining <= 0) {
            return Attempt.last(unavailable(call, Cause.TIMEOUT, 0, "no answer within " + settings.timeout(), attempt));
        }
        try {
            HttpResponse<InputStream> response = http.send(request(call, remaining), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
            return classify(call, attempt, response, body);
        } catch (HttpTimeoutException e) {
            return Attempt.retryable(unavailable(call, Cause.TIMEOUT, 0, "no answer within " + settings.timeout(), attempt));
        } catch (ConnectException e) {
            return Attempt.retryable(unavailable(call, Cause.CONNECTION_FAILED, 0,
                    "cannot connect to " + settings.baseUri() + ": " + describe(e), attempt));
        } catch (IOException e) {
            return Attempt.retryable(unavailable(call, Cause.CONNECTION_FAILED, 0,
                    "connection to " + settings.baseUri() + " failed: " + describe(e), attempt));
        }
    }

    private Attempt classify(Call call, int attempt, HttpResponse<?> response, byte[] body) {
        int status = response.statusCode();
        if (body.length > MAX_ANSWER_BYTES) {
            return Attempt.last(unavailable(call, Cause.INVALID_ANSWER, status, "the answer is larger than 1 MiB", attempt));
        }
        if (status >= 200 && status < 300) {
            try {
                Wire.Answer answer = Wire.answer(body);
                boolean replayed = response.headers().firstValue("Idempotent-Replayed")
                        .map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
                return Attempt.last(new WorkflowOutcome.Delivered(call.traceId(), status, answer.status(),
                        answer.executionResult(), answer.reason(), replayed, attempt));
            } catch (IOException e) {
                return Attempt.last(unavailable(call, Cause.INVALID_ANSWER, status,
                        "the executor answered " + status + " with an unreadable body: " + describe(e), attempt));
            }
        }
        if (status >= 400 && status < 500) {
            return Attempt.last(new WorkflowOutcome.Rejected(call.traceId(), status, Wire.problem(status, body), false, attempt));
        }
        if (status >= 500) {
            var outcome = unavailable(call, Cause.SERVER_ERROR, status, "the executor answered " + status, attempt);
            return status == 503 ? Attempt.retryable(outcome) : Attempt.last(outcome);
        }
        return Attempt.last(unavailable(call, Cause.INVALID_ANSWER, status, "the executor answered " + status, attempt));
    }

    private HttpRequest request(Call call, long remainingNanos) {
        var builder = HttpRequest.newBuilder(executeUri)
                .timeout(Duration.ofNanos(remainingNanos))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "bhiv-core-bridge")
                .header("traceparent", TraceParent.forTraceId(call.traceId()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
        if (isVisibleAscii(call.traceId())) {
            // A header cannot carry every trace id the executor accepts; the body always does.
            builder.header("X-Trace-Id", call.traceId());
        }
        if (settings.token() != null) {
            builder.header("Authorization", "Bearer " + settings.token());
        }
        return builder.build();
    }

    private static boolean isVisibleAscii(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static WorkflowOutcome.Unavailable unavailable(Call call, Cause cause, int status, String message, int attempt) {
        return new WorkflowOutcome.Unavailable(call.traceId(), cause, status, message, attempt);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * What one attempt gave.
     *
     * @param outcome   the outcome to report if there is no further attempt
     * @param retryable whether another attempt may change it
     */
    private record Attempt(WorkflowOutcome outcome, boolean retryable) {

        static Attempt last(WorkflowOutcome outcome) {
            return new Attempt(outcome, false);
        }

        static Attempt retryable(WorkflowOutcome outcome) {
            return new Attempt(outcome, true);
        }
    }
}
