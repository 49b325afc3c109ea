package org.bhiv.executor.workflow;

import java.lang.System.Logger.Level;

import org.bhiv.server.LogSafe;

/**
 * The greppable execution lines of section 3.6, one per step. Every value goes through
 * {@link LogSafe#value} and has its whitespace replaced, so a request can forge neither a line
 * nor a {@code key=value} field; message bodies, prompts and secrets
 * are never passed here.
 */
public final class ExecutionLog {

    private static final System.Logger LOGGER = System.getLogger(ExecutionLog.class.getName());

    /** {@code EXECUTION_RECEIVED | trace_id=.. | decision=..} */
    public void received(String traceId, String decision) {
        line("EXECUTION_RECEIVED | trace_id=" + v(traceId) + " | decision=" + v(decision));
    }

    /** {@code EXECUTION_SKIPPED | trace_id=.. | reason=..} */
    public void skipped(String traceId, String reason) {
        line("EXECUTION_SKIPPED | trace_id=" + v(traceId) + " | reason=" + v(reason));
    }

    /** {@code EXECUTION_STARTED | trace_id=.. | action_type=..} */
    public void started(String traceId, String actionType) {
        line("EXECUTION_STARTED | trace_id=" + v(traceId) + " | action_type=" + v(actionType));
    }

    /** {@code EXECUTION_SUCCESS | trace_id=.. | action_type=.. | duration_ms=..} */
    public void success(String traceId, String actionType, long durationMs) {
        line("EXECUTION_SUCCESS | trace_id=" + v(traceId) + " | action_type=" + v(actionType)
                + " | duration_ms=" + durationMs);
    }

    /** {@code EXECUTION_FAILED | trace_id=.. | action_type=.. | error_code=..} */
    public void failed(String traceId, String actionType, String errorCode) {
        line("EXECUTION_FAILED | trace_id=" + v(traceId) + " | action_type=" + v(actionType)
                + " | error_code=" + v(errorCode));
    }

    /** {@code EXECUTION_REPLAYED | trace_id=..} */
    public void replayed(String traceId) {
        line("EXECUTION_REPLAYED | trace_id=" + v(traceId));
    }

    /** Sanitised, and without spaces, so that a value can never contain the {@code " | "} separator. */
    private static String v(String value) {
        return LogSafe.value(value).replaceAll("\\s", "_");
    }

    private static void line(String line) {
        LOGGER.log(Level.INFO, line);
    }
}
