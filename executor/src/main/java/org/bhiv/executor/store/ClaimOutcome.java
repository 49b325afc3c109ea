package org.bhiv.executor.store;

/**
 * What {@link ExecutionStore#claim(String, String, boolean)} decided for one idempotency key.
 */
public sealed interface ClaimOutcome {

    /**
     * The caller holds the key and must execute, then {@link ExecutionStore#complete complete}
     * or {@link ExecutionStore#release release} the claim.
     *
     * @param key         the idempotency key
     * @param token       names this claim; a claim taken over after its lease ran out has a new one
     * @param fingerprint the fingerprint of the request that holds it
     * @param durable     true when the claim is a row of the database, which outlives the process
     *                    (until its lease ends); false when only this process holds it
     *                    ({@link ExecutionStore#claim(String, String, boolean)})
     */
    record Claimed(String key, String token, String fingerprint, boolean durable) implements ClaimOutcome {
    }

    /**
     * The key was answered before with the same request: send this answer again.
     *
     * @param status the stored HTTP status
     * @param body   the stored response body (JSON)
     */
    record Replay(int status, String body) implements ClaimOutcome {
    }

    /** Another request with this key is executing right now (its lease has not run out). */
    record InProgress() implements ClaimOutcome {
    }

    /** The key is held or answered for a request with a different fingerprint. */
    record FingerprintMismatch() implements ClaimOutcome {
    }
}
