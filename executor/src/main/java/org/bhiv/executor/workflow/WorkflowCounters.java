package org.bhiv.executor.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bhiv.executor.execution.Execution;

/**
 * The {@code workflows} counters of {@code /healthz}, since start. Thread-safe.
 */
public final class WorkflowCounters implements ExecutionListener {

    private final AtomicLong success = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();

    /** Counts an execution that succeeded. */
    @Override
    public void succeeded(Execution execution) {
        success.incrementAndGet();
    }

    /** Counts an execution that failed. */
    @Override
    public void failed(Execution execution) {
        failed.incrementAndGet();
    }

    /** Counts a decision that was not a workflow. */
    @Override
    public void skipped(String traceId, String reason) {
        skipped.incrementAndGet();
    }

    /** Counts an answer replayed from the idempotency store. */
    @Override
    public void replayed(String traceId) {
        replayed.incrementAndGet();
    }

    /** @return {@code {total, success, failed, skipped, replayed}}; total is the sum of the others */
    public Map<String, Long> snapshot() {
        long s = success.get();
        long f = failed.get();
        long k = skipped.get();
        long r = replayed.get();
        var body = new LinkedHashMap<String, Long>();
        body.put("total", s + f + k + r);
        body.put("success", s);
        body.put("failed", f);
        body.put("skipped", k);
        body.put("replayed", r);
        return body;
    }
}
