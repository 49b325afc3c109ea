package org.bhiv.executor.outbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.OutboxReads;
import org.bhiv.executor.store.StoreException;

/**
 * Where the events of a decision's executions stand (pending, delivered, dead), for
 * {@code GET /api/workflow/executions/{trace_id}}: read from the database, so every replica
 * answers the same.
 */
public final class DeliveryStates {

    private final OutboxReads store;

    /** @param database the executor's migrated database */
    public DeliveryStates(Database database) {
        this.store = new OutboxReads(database);
    }

    /**
     * @param traceId a decision's trace_id
     * @return per execution id (oldest first), per sink name, the delivery
     * @throws StoreException when the database fails
     */
    public Map<String, Map<String, Delivery>> byTrace(String traceId) {
        return byExecution(store.byTrace(traceId));
    }

    private static Map<String, Map<String, Delivery>> byExecution(List<OutboxReads.EventState> states) {
        Map<String, Map<String, Delivery>> result = new LinkedHashMap<>();
        for (OutboxReads.EventState e : states) {
            String state = e.state();
            var delivery = new Delivery(state, e.eventId(), e.attempts(), e.nextAttemptAt(),
                    state.equals("delivered") ? e.finishedAt() : null, state.equals("dead") ? e.finishedAt() : null,
                    state.equals("delivered") ? null : e.lastError());
            result.computeIfAbsent(e.executionId(), k -> new LinkedHashMap<>()).put(e.sink(), delivery);
        }
        return result;
    }
}
