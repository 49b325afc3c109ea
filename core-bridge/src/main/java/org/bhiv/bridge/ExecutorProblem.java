package org.bhiv.bridge;

import java.util.List;

/**
 * An RFC 9457 problem as the executor sends it with a 4xx ({@code application/problem+json}),
 * or as the bridge makes it when it refuses a call locally. Immutable.
 *
 * @param type      {@code urn:bhiv:problem:<error_code>}, may be {@code null} when the executor sent no problem body
 * @param title     one human sentence, may be {@code null}
 * @param status    the HTTP status
 * @param detail    the bare error code (the original's {@code {"detail": "<code>"}}), may be {@code null}
 * @param errorCode the error code, e.g. {@code invalid_trace_id}, may be {@code null}
 * @param traceId   the trace id the executor names, may be {@code null}
 * @param errors    every invalid field, empty when the problem is not about fields
 */
public record ExecutorProblem(String type, String title, int status, String detail, String errorCode,
                              String traceId, List<FieldError> errors) {

    /** Copies {@code errors}; {@code null} is no errors. */
    public ExecutorProblem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One invalid field.
     *
     * @param field   the field's path, e.g. {@code decision}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }
}
