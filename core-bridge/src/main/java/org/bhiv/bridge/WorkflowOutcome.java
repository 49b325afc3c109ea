package org.bhiv.bridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one {@link WorkflowClient#executeWorkflow} call ended. Exactly one of four cases, so a
 * {@code switch} over it is exhaustive:
 * <ul>
 *   <li>{@link Delivered}: the executor answered 2xx; its answer is attached (the workflow may
 *       still have {@code failed}, e.g. an invalid recipient: that is the executor's verdict).</li>
 *   <li>{@link Rejected}: the executor refused the request with a 4xx and a problem, or the
 *       bridge refused it locally before sending ({@link Rejected#local()}).</li>
 *   <li>{@link Unavailable}: no verdict could be had: connection failure, timeout, a 5xx, an
 *       answer that could not be read, or a closed client. A transport failure is never
 *       reported as an HTTP status and vice versa. After a timeout the executor may still
 *       have run the workflow; its executions endpoint tells.</li>
 *   <li>{@link Dropped}: too many calls were in flight; nothing was sent.</li>
 * </ul>
 * All cases are immutable records and safe to share between threads.
 */
public sealed interface WorkflowOutcome {

    /**
     * The trace id the call was made with.
     *
     * @return the trace id; {@code null} for a call refused because it had none
     */
    String traceId();

    /**
     * The executor's verdict on a workflow, from the {@code status} of its answer.
     */
    enum ExecutionStatus {
        /** The action was carried out. */
        SUCCESS,
        /** The action was attempted or validated and did not happen; see the execution result. */
        FAILED,
        /** The decision was not a workflow; nothing was executed. */
        SKIPPED;

        /**
         * Reads the executor's wire value.
         *
         * @param wire the status as the executor writes it ({@code success}, {@code failed}, {@code skipped})
         * @return the status, or {@code null} when it is none of these
         */
        public static ExecutionStatus fromWire(String wire) {
            if (wire == null) {
                return null;
            }
            return switch (wire) {
                case "success" -> SUCCESS;
                case "failed" -> FAILED;
                case "skipped" -> SKIPPED;
                default -> null;
            };
        }
    }

    /**
     * Why a call is {@link Unavailable}.
     */
    enum Cause {
        /** The connection could not be made or broke (refused, reset, closed, unknown host). */
        CONNECTION_FAILED,
        /** No complete answer within the timeout. */
        TIMEOUT,
        /** The executor answered 5xx (503 is retried first). */
        SERVER_ERROR,
        /** The executor answered something the bridge cannot read (not JSON, no status, too large, 1xx/3xx). */
        INVALID_ANSWER,
        /** The client was closed. */
        CLOSED,
        /** A defect in the bridge itself; logged with its stack trace. */
        INTERNAL
    }

    /**
     * The executor answered 2xx.
     *
     * @param traceId         the call's trace id
     * @param statusCode      the HTTP status (200)
     * @param status          the executor's verdict
     * @param executionResult the answer's {@code execution_result} (empty when skipped), unmodifiable
     * @param reason          the answer's {@code reason} when skipped, else {@code null}
     * @param replayed        true when the executor answered from its store ({@code Idempotent-Replayed: true}):
     *                        the action had already run for this trace id and did not run again
     * @param attempts        how many requests it took (1 unless retried)
     */
    record Delivered(String traceId, int statusCode, ExecutionStatus status, Map<String, Object> executionResult,
                     String reason, boolean replayed, int attempts) implements WorkflowOutcome {

        /** Copies the execution result into an unmodifiable map; {@code null} is empty. */
        public Delivered {
            Objects.requireNonNull(status, "status");
            executionResult = executionResult == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(executionResult));
        }

        /**
         * Whether the executor reports the action as carried out.
         *
         * @return true for {@link ExecutionStatus#SUCCESS}
         */
        public boolean succeeded() {
            return status == ExecutionStatus.SUCCESS;
        }
    }

    /**
     * The executor refused the request (4xx), or the bridge refused it before sending.
     *
     * @param traceId    the call's trace id
     * @param statusCode the HTTP status; 422 for a local refusal
     * @param problem    the problem the executor sent (or the bridge made, when local)
     * @param local      true when nothing was sent: the arguments were invalid
     * @param attempts   how many requests were sent (0 when local)
     */
    record Rejected(String traceId, int statusCode, ExecutorProblem problem, boolean local, int attempts)
            implements WorkflowOutcome {

        /** Requires a problem. */
        public Rejected {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * No verdict: the executor could not be reached or did not answer usefully in time.
     *
     * @param traceId    the call's trace id
     * @param cause      what went wrong
     * @param statusCode the HTTP status for {@link Cause#SERVER_ERROR} and some {@link Cause#INVALID_ANSWER}s, else 0
     * @param message    one human sentence for logs (never contains the token or the payload)
     * @param attempts   how many requests were started
     */
    record Unavailable(String traceId, Cause cause, int statusCode, String message, int attempts)
            implements WorkflowOutcome {

        /** Requires a cause. */
        public Unavailable {
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * Nothing was sent: {@code maxInFlight} calls were already in progress.
     *
     * @param traceId     the call's trace id
     * @param maxInFlight the bound that was reached
     */
    record Dropped(String traceId, int maxInFlight) implements WorkflowOutcome {
    }
}
