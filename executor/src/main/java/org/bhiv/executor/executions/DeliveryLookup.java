package org.bhiv.executor.executions;

import java.util.Map;

/**
 * Where the integration events of a decision's executions stand (the outbox answers it).
 */
@FunctionalInterface
public interface DeliveryLookup {

    /**
     * @param traceId a decision's trace_id
     * @return per execution id, per sink name ({@code bucket}, {@code karma}), the delivery state
     *         as a JSON-serialisable value; executions without events are absent
     * @throws Exception when the deliveries cannot be read
     */
    Map<String, ? extends Map<String, ?>> deliveriesByTrace(String traceId) throws Exception;
}
