package org.bhiv.executor.operations;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.helidon.common.uri.UriQuery;
import org.bhiv.server.FieldError;
import org.bhiv.server.ProblemException;

/**
 * Reads a request's query parameters into typed values, collecting every invalid one, then
 * refuses them all at once as one 422 naming each ({@link #check()}).
 */
final class QueryParams {

    private final UriQuery query;
    private final List<FieldError> errors = new ArrayList<>();

    QueryParams(UriQuery query) {
        this.query = query;
    }

    /** @return the value, {@code null} when absent or empty; an error when longer than {@code max} */
    String text(String name, int max) {
        String value = query.first(name).asOptional().map(String::strip).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > max) {
            errors.add(new FieldError(name, "must be at most " + max + " characters"));
            return null;
        }
        return value;
    }

    /** @return the value when it is one of {@code allowed}, {@code null} when absent */
    String oneOf(String name, Set<String> allowed) {
        String value = text(name, 64);
        if (value != null && !allowed.contains(value)) {
            errors.add(new FieldError(name, "must be one of " + String.join(", ", allowed.stream().sorted().toList())));
            return null;
        }
        return value;
    }

    /** @return an ISO-8601 instant ({@code 2026-12-07T02:00:00Z}), {@code null} when absent */
    Instant instant(String name) {
        String value = text(name, 64);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 UTC time such as 2026-12-07T02:00:00Z"));
            return null;
        }
    }

    /** @return a whole number in {@code [min, max]}, {@code fallback} when absent */
    long number(String name, long min, long max, long fallback) {
        String value = text(name, 20);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }

    void error(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    /** @throws ProblemException 422 {@code invalid_query} naming every invalid parameter */
    void check() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("invalid_query", List.copyOf(errors));
        }
    }
}
