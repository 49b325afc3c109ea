package org.bhiv.executor.adapters.sandbox;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One would-be send recorded by a sandbox provider.
 *
 * @param traceId           the decision's trace_id
 * @param actionType        the adapter's action_type
 * @param providerMessageId the identifier the sandbox answered with
 * @param recordedAt        when it was recorded
 * @param content           what would have been sent
 */
public record SandboxRecord(@JsonProperty("trace_id") String traceId,
                            @JsonProperty("action_type") String actionType,
                            @JsonProperty("provider_message_id") String providerMessageId,
                            @JsonProperty("recorded_at") Instant recordedAt,
                            Map<String, Object> content) {

    public SandboxRecord {
        content = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(content));
    }
}
