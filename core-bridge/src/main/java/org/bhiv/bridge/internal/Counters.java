package org.bhiv.bridge.internal;

import java.util.concurrent.atomic.LongAdder;

import org.bhiv.bridge.WorkflowOutcome;
import org.bhiv.bridge.WorkflowStats;

/**
 * The client's counters; contention-free under concurrent calls.
 */
final class Counters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder retried = new LongAdder();

    void sent() {
        sent.increment();
    }

    void retried() {
        retried.increment();
    }

    void ended(WorkflowOutcome outcome) {
        switch (outcome) {
            case WorkflowOutcome.Delivered d -> delivered.increment();
            case WorkflowOutcome.Rejected r -> rejected.increment();
            case WorkflowOutcome.Unavailable u -> unavailable.increment();
            case WorkflowOutcome.Dropped d -> dropped.increment();
        }
    }

    WorkflowStats snapshot(int inFlight) {
        return new WorkflowStats(sent.sum(), delivered.sum(), rejected.sum(), unavailable.sum(), dropped.sum(),
                retried.sum(), inFlight);
    }
}
