package org.bhiv.executor.idempotency;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One validated workflow request that is about to execute under an idempotency key.
 *
 * @param key        the idempotency key
 * @param traceId    the request's trace_id
 * @param actionType the payload's action_type, {@code null} when missing or not a string
 * @param body       the parsed request body
 * @param receivedAt when the request arrived
 */
public record Attempt(String key, String traceId, String actionType, JsonNode body, Instant receivedAt) {

    public Attempt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** @return the request's fingerprint (SHA-256 of its canonical JSON) */
    public String fingerprint() {
        return CanonicalJson.fingerprint(body);
    }

    /**
     * @param idempotencyKeyHeader the Idempotency-Key header, {@code null} when absent
     * @param body                 a validated workflow request body
     * @param receivedAt           when it arrived
     * @return the attempt, keyed by the header or else the trace_id
     */
    public static Attempt of(String idempotencyKeyHeader, JsonNode body, Instant receivedAt) {
        String traceId = body.path("trace_id").asText();
        JsonNode actionType = body.path("data").path("payload").path("action_type");
        return new Attempt(IdempotencyKeys.keyOf(idempotencyKeyHeader, traceId), traceId,
                actionType.isTextual() ? actionType.asText() : null, body, receivedAt);
    }
}
