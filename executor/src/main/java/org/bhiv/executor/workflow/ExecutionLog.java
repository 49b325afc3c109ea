package org.bhiv.executor.workflow;

import java.lang.System.Logger.Level;
import java.util.regex.Pattern;

import org.bhiv.executor.execution.Execution;
import org.bhiv.server.LogSafe;

/**
 * The greppable execution lines of section 3.6, one per step. Every value goes through
 * {@link LogSafe#value} and has its whitespace replaced, so a request can forge neither a line
 * nor a {@code key=value} field; message bodies, prompts and secrets
 * are never passed here.
 */
public final class ExecutionLog implements ExecutionListener {

    private static final System.Logger LOGGER = System.getLogger(ExecutionLog.class.getName());
    private static final Pattern WHITESPACE = Pattern.compile("\\s"); // compiled once: three lines per execution

    /** {@code EXECUTION_RECEIVED | trace_id=.. | decision=..} */
    @Override
    public void received(String traceId, String decision) {
        line("EXECUTION_RECEIVED | trace_id=" + v(traceId) + " | decision=" + v(decision));
    }

    /** {@code EXECUTION_SKIPPED | trace_id=.. | reason=..} */
    @Override
    public void skipped(String traceId, String reason) {
        line("EXECUTION_SKIPPED | trace_id=" + v(traceId) + " | reason=" + v(reason));
    }

    /** {@code EXECUTION_STARTED | trace_id=.. | action_type=..}, the type as the caller sent it */
    @Override
    public void started(String traceId, String actionType) {
        line("EXECUTION_STARTED | trace_id=" + v(traceId) + " | action_type=" + v(actionType));
    }

    /** {@code EXECUTION_SUCCESS | trace_id=.. | action_type=.. | duration_ms=..} */
    @Override
    public void succeeded(Execution e) {
        line("EXECUTION_SUCCESS | trace_id=" + v(e.traceId()) + " | action_type=" + v(e.actionType().requested())
                + " | duration_ms=" + e.durationMs());
    }

    /** {@code EXECUTION_FAILED | trace_id=.. | action_type=.. | error_code=..} */
    @Override
    public void failed(Execution e) {
        line("EXECUTION_FAILED | trace_id=" + v(e.traceId()) + " | action_type=" + v(e.actionType().requested())
                + " | error_code=" + v(e.errorCode()));
    }

    /** {@code EXECUTION_REPLAYED | trace_id=..} */
    @Override
    public void replayed(String traceId) {
        line("EXECUTION_REPLAYED | trace_id=" + v(traceId));
    }

    /** Sanitised, and without spaces, so that a value can never contain the {@code " | "} separator. */
    private static String v(String value) {
        return WHITESPACE.matcher(LogSafe.value(value)).replaceAll("_");
    }

    private static void line(String line) {
        LOGGER.log(Level.INFO, line);
    }
}
