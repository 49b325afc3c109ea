package org.bhiv.executor.idempotency;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What happens to an answer under its idempotency key (contracts 3.4).
 */
enum Disposition {
    /** Stored and replayed: {@code success}, and {@code failed} that is not retryable. */
    STORED,
    /** Recorded with its events, but the key is freed: a {@code failed} answer with {@code retryable: true}. */
    RECORDED_NOT_REPLAYED,
    /** Nothing is stored: skipped answers and refusals (not 200). */
    NOT_STORED;

    static Disposition of(int status, JsonNode body) {
        if (status != 200) {
            return NOT_STORED;
        }
        return switch (body.path("status").asText()) {
            case "success" -> STORED;
            case "failed" -> body.path("execution_result").path("retryable").asBoolean(false)
                    ? RECORDED_NOT_REPLAYED : STORED;
            default -> NOT_STORED;
        };
    }
}
