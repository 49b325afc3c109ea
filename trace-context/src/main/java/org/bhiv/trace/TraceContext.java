package org.bhiv.trace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W3C {@code traceparent} values ({@code 00-<trace-id>-<parent-id>-<flags>}) for BHIV decisions.
 * A decision's W3C trace id is the first 32 hex digits of SHA-256 over its {@code trace_id}
 * (UTF-8): every hop derives the same one without being told, and a hop that receives a valid
 * {@code traceparent} continues it instead.
 */
public final class TraceContext {

    private static final Pattern VALID = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final HexFormat HEX = HexFormat.of();

    private TraceContext() {
    }

    /**
     * @param traceId a decision's trace_id
     * @return its W3C trace id: 32 lowercase hex digits, never all zero
     */
    public static String traceIdOf(String traceId) {
        return nonZero(HEX.formatHex(sha256(traceId), 0, 16), ZERO_TRACE);
    }

    /**
     * @param seed anything stable (an event id), so that a redelivery carries the same parent id
     * @return a W3C parent id derived from it: 16 lowercase hex digits, never all zero
     */
    public static String spanIdOf(String seed) {
        return nonZero(HEX.formatHex(sha256("span\0" + seed), 0, 8), ZERO_SPAN);
    }

    /**
     * @param traceId a decision's trace_id
     * @param spanId  the parent id to send (16 hex digits, not all zero)
     * @return {@code 00-<traceIdOf(traceId)>-<spanId>-01}
     */
    public static String forDecision(String traceId, String spanId) {
        return "00-" + traceIdOf(traceId) + "-" + spanId + "-01";
    }

    /**
     * @param incoming a received {@code traceparent}, may be {@code null}
     * @param traceId  the decision's trace_id
     * @param spanId   the parent id of the next hop
     * @return a child of {@code incoming} (same trace id and flags, this parent id) when it is
     *         valid, else {@link #forDecision}
     */
    public static String continueOrStart(String incoming, String traceId, String spanId) {
        if (incoming != null) {
            Matcher m = VALID.matcher(incoming.strip().toLowerCase(Locale.ROOT));
            if (m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN)) {
                return "00-" + m.group(1) + "-" + spanId + "-" + m.group(3);
            }
        }
        return forDecision(traceId, spanId);
    }

    /**
     * @param value a header value
     * @return whether it is a valid version-00 {@code traceparent}
     */
    public static boolean isValid(String value) {
        Matcher m = VALID.matcher(value);
        return m.matches() && !m.group(1).equals(ZERO_TRACE) && !m.group(2).equals(ZERO_SPAN);
    }

    /**
     * @param value a valid {@code traceparent}
     * @return its trace id
     * @throws IllegalArgumentException when it is not valid
     */
    public static String traceIdIn(String value) {
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not a valid traceparent");
        }
        return value.substring(3, 35);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String nonZero(String hex, String zero) {
        // All-zero ids are invalid in W3C Trace Context; astronomically unlikely, handled anyway.
        return hex.equals(zero) ? zero.substring(1) + "1" : hex;
    }
}
