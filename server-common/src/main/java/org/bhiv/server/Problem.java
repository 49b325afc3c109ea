package org.bhiv.server;

import java.util.List;
import java.util.Map;

import java.util.LinkedHashMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer in this repository.
 * {@code detail} carries the bare error code so that clients of the original services, which
 * read {@code {"detail": "<code>"}}, keep working.
 *
 * @param type       {@code urn:bhiv:problem:<error_code>}
 * @param title      one human sentence
 * @param status     the HTTP status
 * @param detail     the bare error code
 * @param errorCode  the error code
 * @param traceId    the request's trace_id when known
 * @param errors     every invalid field, when the problem is about fields
 * @param extensions further members a service adds (e.g. Bucket's {@code success: false}); an
 *                   extension named like a standard member replaces that member's value in
 *                   the JSON (Karma's envelope sends {@code "status": "error"}, which RFC 9457
 *                   section 3.1 tells consumers to ignore as a mismatched type), so a body never
 *                   has duplicate keys
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type,
                      String title,
                      int status,
                      String detail,
                      @JsonProperty("error_code") String errorCode,
                      @JsonProperty("trace_id") String traceId,
                      List<FieldError> errors,
                      @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        extensions = extensions == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /**
     * A problem without field errors.
     *
     * @param status    HTTP status
     * @param errorCode error code
     * @param title     one human sentence
     * @return the problem
     */
    public static Problem of(int status, String errorCode, String title) {
        return new Problem("urn:bhiv:problem:" + errorCode, title, status, errorCode, errorCode, null, null, null);
    }

    /** @return a copy naming the request's trace_id */
    public Problem withTraceId(String id) {
        return new Problem(type, title, status, detail, errorCode, id, errors, extensions);
    }

    /** @return a copy listing these invalid fields */
    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, errorCode, traceId, fieldErrors, extensions);
    }

    /** @return a copy with one more top-level member */
    public Problem with(String name, Object value) {
        var more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, errorCode, traceId, errors, more);
    }

    /**
     * The JSON form: the standard members in a stable order, then the extensions.
     *
     * @return the members to serialise
     */
    @JsonValue
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("title", title);
        json.put("status", status);
        json.put("detail", detail);
        json.put("error_code", errorCode);
        json.put("trace_id", traceId);
        json.put("errors", errors);
        json.putAll(extensions);
        json.values().removeIf(java.util.Objects::isNull);
        return json;
    }
}
