package org.bhiv.bucket.core;

import java.util.List;
import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;
import org.bhiv.server.FieldError;
import org.bhiv.server.ProblemException;

/**
 * Reads query parameters the same way on every Bucket read route: a bounded {@code limit},
 * optional exact-match filters, and required ones named in a 422 when missing.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * @param req          the request
     * @param defaultLimit used when {@code limit} is absent
     * @param max          largest allowed
     * @return the limit
     * @throws ProblemException 422 naming {@code limit} when it is not an integer in 1..max
     */
    public static int limit(ServerRequest req, int defaultLimit, int max) {
        Optional<String> raw = req.query().first("limit").asOptional();
        if (raw.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.get().strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidFields("invalid_query",
                List.of(new FieldError("limit", "must be an integer from 1 to " + max)));
    }

    /**
     * @param req  the request
     * @param name the parameter
     * @return its value, absent when missing or blank
     */
    public static Optional<String> optional(ServerRequest req, String name) {
        return req.query().first(name).asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * @param req  the request
     * @param name the parameter
     * @return its value
     * @throws ProblemException 422 naming the parameter when missing or blank
     */
    public static String required(ServerRequest req, String name) {
        return optional(req, name).orElseThrow(() -> ProblemException.invalidFields("invalid_query",
                List.of(new FieldError(name, "is required"))));
    }
}
