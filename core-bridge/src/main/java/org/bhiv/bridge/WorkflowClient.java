package org.bhiv.bridge;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.bhiv.bridge.internal.ClientSettings;
import org.bhiv.bridge.internal.HttpWorkflowClient;

/**
 * Fires workflows at the Workflow Executor ({@code POST {base}/api/workflow/execute}) and
 * reports how each one ended, without ever making the caller wait or fail.
 *
 * <p><b>Create one and share it.</b> A client owns a connection pool, a few threads and the
 * in-flight bound; build it once at start-up (from configuration) and use it from every
 * thread. Instances are immutable and thread-safe. {@link #newBuilder()} derives a client with
 * different settings; {@link #close()} releases the client's resources at shutdown.
 *
 * <pre>{@code
 * WorkflowClient workflows = WorkflowClient.builder()
 *         .baseUri("http://localhost:8003")
 *         .token(System.getenv("WORKFLOW_dash_EXECUTOR_TOKEN"))
 *         .build();
 * workflows.executeWorkflow(taskId, "task", Map.of("title", "Review code"), userId);   // returns at once
 * }</pre>
 *
 * <h2>Contract of {@link #executeWorkflow}</h2>
 * <ul>
 *   <li>It returns at once. Delivery happens on the client's own (virtual) threads; the
 *       calling thread only validates the arguments and serialises the body.</li>
 *   <li>It never throws, and the returned stage never completes exceptionally: every call
 *       ends in exactly one {@link WorkflowOutcome}. Invalid arguments (a missing trace_id,
 *       a blank action type, a payload that cannot be written as JSON) are refused locally
 *       as {@link WorkflowOutcome.Rejected} with {@code local() == true}, the same kind of
 *       answer the executor would have given, without any network traffic.</li>
 *   <li>The stage completes within the configured {@link Builder#timeout(Duration) timeout}
 *       (at most 2 s), which covers every attempt, backoff included.</li>
 *   <li>At most {@link Builder#maxInFlight(int) maxInFlight} calls are in progress at once;
 *       a call beyond that completes at once as {@link WorkflowOutcome.Dropped}.</li>
 *   <li>Retries happen only after a connection failure, a timeout or a 503, at most
 *       {@link Builder#maxRetries(int) maxRetries} times, with the same body and trace_id
 *       (safe because the executor is idempotent on the trace_id), after a short jittered
 *       backoff, and only while the overall timeout leaves room for another attempt.</li>
 * </ul>
 * Ignoring the returned stage is the intended fire-and-forget use; {@link #stats()} keeps
 * count of how calls ended.
 */
public interface WorkflowClient extends AutoCloseable {

    /** The largest timeout a client accepts: an outbound call never takes longer than this. */
    Duration MAX_TIMEOUT = Duration.ofSeconds(2);

    /**
     * A builder with the defaults: timeout 2 s, 64 calls in flight, 2 retries, no token. The
     * base URI has no default.
     *
     * @return a new builder
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this client's settings, to derive a client that differs in some of
     * them. This client is not changed.
     *
     * @return a new builder
     */
    Builder newBuilder();

    /**
     * Sends one workflow to the executor and returns at once.
     *
     * <p>The request is {@code {"trace_id", "decision": "workflow", "data": {"workflow_type":
     * "workflow", "payload": {...payload, "action_type", "user_id", "trace_id"}}}}: the
     * arguments win over same-named keys of {@code payload}; {@code user_id} is left out when
     * {@code userId} is null or blank (the executor then uses {@code "system"}). Headers:
     * {@code Authorization: Bearer <token>} when configured, {@code X-Trace-Id: <traceId>} (when the
     * trace id is plain visible ASCII, as Core's UUIDs are; the body always carries it) and a
     * W3C {@code traceparent} whose trace id is derived from {@code traceId}, so every hop of
     * one decision shares it.
     *
     * @param traceId    the decision's trace id (Core's task_id): 1..128 characters, no
     *                   whitespace or control characters
     * @param actionType the adapter to run: {@code whatsapp}, {@code email}, {@code ai},
     *                   {@code task}; the executor reports unknown ones as a failed execution
     * @param payload    the adapter's fields; {@code null} is an empty payload. Copied before
     *                   this method returns, so the caller may change it afterwards
     * @param userId     the user the action is for, may be {@code null}
     * @return a stage that completes, normally, with how the call ended; never {@code null}
     */
    CompletionStage<WorkflowOutcome> executeWorkflow(String traceId, String actionType,
                                                     Map<String, ?> payload, String userId);

    /**
     * Asks whether the executor answers {@code GET {base}/healthz} with 200 within the
     * timeout. Returns at once; the stage completes with {@code false} on any failure and
     * never exceptionally. Health probes do not count against the in-flight bound.
     *
     * @return a stage completing with {@code true} when the executor answered 200
     */
    CompletionStage<Boolean> health();

    /**
     * How calls ended so far, and how many are in progress. Cheap; safe to call often.
     *
     * @return a snapshot of the counters
     */
    WorkflowStats stats();

    /**
     * Releases the client's threads and connections. Calls in progress complete as
     * {@link WorkflowOutcome.Unavailable} with cause {@link WorkflowOutcome.Cause#CLOSED}, and
     * later calls complete that way at once. Idempotent.
     */
    @Override
    void close();

    /**
     * Configures a {@link WorkflowClient}. Each setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming the setting and the refused value;
     * {@link #build()} also refuses a missing base URI. Not thread-safe; use one builder per
     * thread.
     */
    final class Builder {

        private URI baseUri;
        private String token;
        private Duration timeout = MAX_TIMEOUT;
        private int maxInFlight = 64;
        private int maxRetries = 2;

        private Builder() {
        }

        /**
         * The executor's base URI, e.g. {@code http://localhost:8003}. Required. A path is
         * kept (for an executor behind a gateway prefix); a trailing slash is ignored.
         *
         * @param baseUri an absolute {@code http} or {@code https} URI with a host, no query or fragment
         * @return this builder
         * @throws IllegalArgumentException when the URI is null, unparseable or not http(s) with a host
         */
        public Builder baseUri(String baseUri) {
            if (baseUri == null || baseUri.isBlank()) {
                throw new IllegalArgumentException("baseUri is required");
            }
            try {
                return baseUri(new URI(baseUri.strip()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("baseUri is not a valid URI: " + e.getMessage(), e);
            }
        }

        /**
         * The executor's base URI; see {@link #baseUri(String)}.
         *
         * @param baseUri an absolute {@code http} or {@code https} URI with a host
         * @return this builder
         * @throws IllegalArgumentException when the URI is null or not http(s) with a host
         */
        public Builder baseUri(URI baseUri) {
            this.baseUri = ClientSettings.checkBaseUri(baseUri);
            return this;
        }

        /**
         * The bearer token that proves the {@code bhiv_core} identity to the executor.
         * {@code null} or blank (an unset environment variable) means no {@code Authorization}
         * header. Never logged, never shown by {@code toString()}.
         *
         * @param token the token, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException when the token contains characters a header cannot carry
         */
        public Builder token(String token) {
            this.token = ClientSettings.checkToken(token);
            return this;
        }

        /**
         * The most a call may take, every attempt and backoff included. Default and maximum 2 s.
         *
         * @param timeout greater than zero, at most {@link #MAX_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException when the timeout is null, zero or negative, or over 2 s
         */
        public Builder timeout(Duration timeout) {
            this.timeout = ClientSettings.checkTimeout(timeout);
            return this;
        }

        /**
         * How many calls may be in progress at once; more are dropped. Default 64.
         *
         * @param maxInFlight at least 1
         * @return this builder
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = ClientSettings.checkMaxInFlight(maxInFlight);
            return this;
        }

        /**
         * How many times a call may be retried after a connection failure, a timeout or a 503
         * (the retry budget; the overall timeout still bounds the call). Default 2; 0 turns
         * retries off.
         *
         * @param maxRetries at least 0
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = ClientSettings.checkMaxRetries(maxRetries);
            return this;
        }

        /**
         * Builds the client. Each call builds a new client with its own connection pool.
         *
         * @return the client
         * @throws IllegalArgumentException when no base URI was set
         */
        public WorkflowClient build() {
            if (baseUri == null) {
                throw new IllegalArgumentException("baseUri is required");
            }
            return new HttpWorkflowClient(new ClientSettings(baseUri, token, timeout, maxInFlight, maxRetries));
        }
    }
}
