package org.bhiv.bridge.internal;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.bhiv.trace.TraceContext;

/**
 * The {@code traceparent} of a call to the executor: the decision's W3C trace id by the one
 * shared rule ({@link TraceContext#traceIdOf}), so every hop of one decision shares one W3C
 * trace without anybody having to pass it on; the span id is new per request.
 */
final class TraceParent {

    private TraceParent() {
    }

    /**
     * @param traceId the decision's trace id
     * @return {@code 00-<32 hex>-<16 hex>-01}
     */
    static String forTraceId(String traceId) {
        long span = 0;
        while (span == 0) {
            span = ThreadLocalRandom.current().nextLong();
        }
        return TraceContext.forDecision(traceId, HexFormat.of().toHexDigits(span));
    }
}
