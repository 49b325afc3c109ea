package org.bhiv.executor.idempotency;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.server.CanonicalJson;
import org.bhiv.server.Hashing;

/**
 * One validated workflow request that is about to execute under an idempotency key.
 *
 * @param key        the idempotency key
 * @param traceId    the request's trace_id
 * @param actionType the payload's action_type, {@code null} when missing or not a string
 * @param body       the parsed request body
 * @param receivedAt  when the request arrived
 * @param traceparent the request's W3C {@code traceparent} header, {@code null} when absent
 */
public record Attempt(String key, String traceId, String actionType, JsonNode body, Instant receivedAt,
                      String traceparent) {

    public Attempt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** @return the request's fingerprint (SHA-256 of its canonical JSON) */
    public String fingerprint() {
        return Hashing.sha256Hex(CanonicalJson.of(body));
    }
}
