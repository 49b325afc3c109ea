package org.bhiv.executor.idempotency;

import java.util.Objects;

/**
 * An answer of the execute endpoint as it goes on the wire: its status and its exact JSON text,
 * so that a replay sends the same bytes.
 *
 * @param status   HTTP status
 * @param body     the JSON body
 * @param replayed true when this is a stored answer sent again
 */
public record Reply(int status, String body, boolean replayed) {

    public Reply {
        Objects.requireNonNull(body, "body");
    }

    /**
     * @param status HTTP status
     * @param body   the JSON body
     * @return a fresh (not replayed) answer
     */
    public static Reply fresh(int status, String body) {
        return new Reply(status, body, false);
    }
}
