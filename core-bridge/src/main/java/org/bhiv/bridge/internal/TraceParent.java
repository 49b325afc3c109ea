package org.bhiv.bridge.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context {@code traceparent} values. The trace id is derived from the decision's
 * trace_id (first 16 bytes of its SHA-256), so every hop of one decision shares one W3C trace
 * without anybody having to pass it on; the span id is new per request.
 */
final class TraceParent {

    private static final HexFormat HEX = HexFormat.of();

    private TraceParent() {
    }

    /**
     * @param traceId the decision's trace id
     * @return {@code 00-<32 hex>-<16 hex>-01}
     */
    static String forTraceId(String traceId) {
        byte[] digest = sha256(traceId.getBytes(StandardCharsets.UTF_8));
        String trace = HEX.formatHex(digest, 0, 16);
        long span = 0;
        while (span == 0) {
            span = ThreadLocalRandom.current().nextLong();
        }
        return "00-" + trace + "-" + HEX.toHexDigits(span) + "-01";
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
