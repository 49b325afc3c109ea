package org.bhiv.bridge.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code executeWorkflow} call on its way: what to send and until when.
 *
 * @param traceId  the trace id
 * @param body     the request body, fixed for every attempt
 * @param deadline {@link System#nanoTime()} by which the call must have ended
 * @param attempts requests started so far
 * @param finished set once by whoever ends the call (the worker or the deadline guard)
 */
record Call(String traceId, byte[] body, long deadline, AtomicInteger attempts, AtomicBoolean finished) {

    Call(String traceId, byte[] body, long deadline) {
        this(traceId, body, deadline, new AtomicInteger(), new AtomicBoolean());
    }

    /** @return nanoseconds left until the deadline, possibly negative */
    long remaining() {
        return deadline - System.nanoTime();
    }
}
