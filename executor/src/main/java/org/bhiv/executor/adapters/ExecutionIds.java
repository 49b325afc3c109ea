package org.bhiv.executor.adapters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((idempotencyKey + "\n" + actionType).getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
