package org.bhiv.executor.adapters;

import org.bhiv.server.Hashing;

/**
 * Deterministic identifiers (section 3.2): {@code prefix} + the first 16 lowercase hex digits
 * of SHA-256 over the UTF-8 bytes of {@code idempotencyKey + "\n" + actionType}. The line
 * break separates the two parts unambiguously: neither may contain one.
 */
public final class ExecutionIds {

    private ExecutionIds() {
    }

    /**
     * @param prefix         e.g. {@code task_}
     * @param idempotencyKey the idempotency key
     * @param actionType     the action_type
     * @return the identifier
     */
    public static String derive(String prefix, String idempotencyKey, String actionType) {
        return prefix + Hashing.sha256Hex(idempotencyKey + "\n" + actionType).substring(0, 16);
    }
}
