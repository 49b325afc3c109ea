package org.bhiv.executor.idempotency;

import java.util.List;

import org.bhiv.server.FieldError;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;

/**
 * The idempotency key of a request (contracts 3.4): the {@code Idempotency-Key} header when
 * present, else the trace_id.
 */
public final class IdempotencyKeys {

    /** The request header that names the key. */
    public static final String HEADER = "Idempotency-Key";
    /** Longest key accepted, in characters (the store's column). */
    public static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * @param header  the header's value, {@code null} when absent
     * @param traceId the request's (validated) trace_id
     * @return the key
     * @throws ProblemException 400 {@code invalid_idempotency_key} when the header is empty,
     *                          longer than {@value #MAX_LENGTH} characters or not printable ASCII
     */
    public static String keyOf(String header, String traceId) {
        if (header == null) {
            return traceId;
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH || !header.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw ProblemException.of(Problem.of(400, "invalid_idempotency_key",
                            "The Idempotency-Key header is not a valid key.")
                    .withErrors(List.of(new FieldError(HEADER,
                            "must be 1 to " + MAX_LENGTH + " printable ASCII characters"))))
                    .withTraceId(traceId);
        }
        return header;
    }
}
