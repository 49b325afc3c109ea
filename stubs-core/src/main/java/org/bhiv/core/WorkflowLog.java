package org.bhiv.core;

import java.lang.System.Logger.Level;

import org.bhiv.bridge.WorkflowOutcome;
import org.bhiv.server.LogSafe;

/**
 * One greppable log line per workflow outcome ({@code grep WORKFLOW_ logs/core.log}).
 */
final class WorkflowLog {

    private static final System.Logger LOGGER = System.getLogger(WorkflowLog.class.getName());

    private WorkflowLog() {
    }

    static void outcome(WorkflowOutcome outcome) {
        String trace = " | trace_id=" + LogSafe.value(outcome.traceId());
        switch (outcome) {
            case WorkflowOutcome.Delivered d -> LOGGER.log(Level.INFO, "WORKFLOW_DELIVERED" + trace
                    + " | status=" + d.status().name().toLowerCase(java.util.Locale.ROOT)
                    + " | replayed=" + d.replayed() + " | attempts=" + d.attempts());
            case WorkflowOutcome.Rejected r -> LOGGER.log(Level.WARNING, "WORKFLOW_REJECTED" + trace
                    + " | status=" + r.statusCode() + " | error_code=" + LogSafe.value(r.problem().errorCode())
                    + " | local=" + r.local());
            case WorkflowOutcome.Unavailable u -> LOGGER.log(Level.WARNING, "WORKFLOW_UNAVAILABLE" + trace
                    + " | cause=" + u.cause() + " | attempts=" + u.attempts() + " | message=" + LogSafe.value(u.message()));
            case WorkflowOutcome.Dropped d -> LOGGER.log(Level.WARNING, "WORKFLOW_DROPPED" + trace
                    + " | max_in_flight=" + d.maxInFlight());
        }
    }
}
