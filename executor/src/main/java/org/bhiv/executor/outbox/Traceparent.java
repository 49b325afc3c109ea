package org.bhiv.executor.outbox;

import java.util.regex.Pattern;

import org.bhiv.server.Hashing;

/**
 * W3C Trace Context {@code traceparent} values for outbound events.
 */
public final class Traceparent {

    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    private Traceparent() {
    }

    /**
     * The header for one event: a child of the request's {@code traceparent} when that one is
     * valid (same trace-id and flags, new parent-id), else a fresh one whose trace-id is the
     * first 32 hex of SHA-256(trace_id), so every event of a decision shares one trace. The
     * parent-id is the first 16 hex of SHA-256(event_id): stable across redeliveries.
     *
     * @param incoming the request's {@code traceparent}, may be {@code null}
     * @param traceId  the decision's trace_id
     * @param eventId  the event's id
     * @return a valid {@code traceparent}
     */
    public static String forEvent(String incoming, String traceId, String eventId) {
        String span = nonZero(Hashing.sha256Hex("span\0" + eventId).substring(0, 16), ZERO_SPAN);
        if (incoming != null) {
            var m = VALID.matcher(incoming.strip().toLowerCase(java.util.Locale.ROOT));
            if (m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN)) {
                return "00-" + m.group(1) + "-" + span + "-" + m.group(3);
            }
        }
        String trace = nonZero(Hashing.sha256Hex("trace\0" + traceId).substring(0, 32), ZERO_TRACE);
        return "00-" + trace + "-" + span + "-01";
    }

    /**
     * @param value a header value
     * @return whether it is a valid version-00 {@code traceparent}
     */
    public static boolean isValid(String value) {
        var m = VALID.matcher(value);
        return m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN);
    }

    private static String nonZero(String hex, String zero) {
        // All-zero ids are invalid in W3C Trace Context; astronomically unlikely, handled anyway.
        return hex.equals(zero) ? zero.substring(1) + "1" : hex;
    }
}
