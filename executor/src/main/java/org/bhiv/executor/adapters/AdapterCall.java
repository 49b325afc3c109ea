package org.bhiv.executor.adapters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.adapters.provider.Effects;

/**
 * One execution handed to an adapter.
 *
 * @param traceId        the decision's trace_id
 * @param idempotencyKey the {@code Idempotency-Key} header, else the trace_id
 * @param actionType     the payload's action_type
 * @param payload        the workflow payload (read only)
 * @param effects        the execution's writes to the executor's own database, committed with it
 */
public record AdapterCall(String traceId, String idempotencyKey, String actionType, ObjectNode payload,
                          Effects effects) {

    /**
     * @param prefix the identifier's prefix, e.g. {@code wa_}
     * @return the deterministic identifier of this execution (section 3.2)
     */
    public String id(String prefix) {
        return ExecutionIds.derive(prefix, idempotencyKey, actionType);
    }
}
