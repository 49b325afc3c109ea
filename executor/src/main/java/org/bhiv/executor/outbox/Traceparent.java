package org.bhiv.executor.outbox;

import org.bhiv.trace.TraceContext;

/**
 * W3C Trace Context {@code traceparent} values for outbound events.
 */
public final class Traceparent {

    private Traceparent() {
    }

    /**
     * The header for one event: a child of the request's {@code traceparent} when that one is
     * valid (same trace-id and flags, new parent-id), else one whose trace-id is the decision's by
     * the rule core-bridge also follows ({@link TraceContext#traceIdOf}: the first 32 hex of
     * SHA-256(trace_id)), so a decision that arrives without a {@code traceparent} is still one
     * trace with Core's call. The parent-id derives from the event id: stable across redeliveries.
     *
     * @param incoming the request's {@code traceparent}, may be {@code null}
     * @param traceId  the decision's trace_id
     * @param eventId  the event's id
     * @return a valid {@code traceparent}
     */
    public static String forEvent(String incoming, String traceId, String eventId) {
        return TraceContext.continueOrStart(incoming, traceId, TraceContext.spanIdOf(eventId));
    }

    /**
     * @param value a header value
     * @return whether it is a valid version-00 {@code traceparent}
     */
    public static boolean isValid(String value) {
        return TraceContext.isValid(value);
    }
}
