package org.bhiv.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by a handler to answer with a problem; {@link ProblemHandlers} renders it. Carries
 * no cause on purpose: what the caller sees is the problem, never an exception message.
 */
public final class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    private ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.errorCode() + ": " + problem.title(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    /**
     * A refusal with the given status, error code and title.
     *
     * @param status    HTTP status
     * @param errorCode error code, also the problem's detail
     * @param title     one human sentence
     * @return the exception, to throw
     */
    public static ProblemException of(int status, String errorCode, String title) {
        return new ProblemException(Problem.of(status, errorCode, title), Map.of());
    }

    /**
     * A refusal with a ready problem.
     *
     * @param problem the problem
     * @return the exception, to throw
     */
    public static ProblemException of(Problem problem) {
        return new ProblemException(problem, Map.of());
    }

    /** 400 {@code malformed_json}. */
    public static ProblemException malformedJson(String title) {
        return of(400, "malformed_json", title);
    }

    /** 422 {@code validation_error}-style answer listing every invalid field. */
    public static ProblemException invalidFields(String errorCode, List<FieldError> errors) {
        return of(Problem.of(422, errorCode, "The request has invalid fields.").withErrors(errors));
    }

    /** @return a copy that also sends this header */
    public ProblemException withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProblemException(problem, more);
    }

    /** @return a copy naming the request's trace_id */
    public ProblemException withTraceId(String traceId) {
        return new ProblemException(problem.withTraceId(traceId), headers);
    }

    /** @return the problem to send */
    public Problem problem() {
        return problem;
    }

    /** @return extra headers to send with the problem */
    public Map<String, String> headers() {
        return headers;
    }
}
