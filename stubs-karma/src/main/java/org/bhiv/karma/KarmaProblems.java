package org.bhiv.karma;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.webserver.http.ServerRequest;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemDecorator;

/**
 * Every Karma error in Karma's envelope {@code {"status": "error", "error": {"code", "message"},
 * "path", "timestamp"}}, which is also a problem+json body ({@code type}, {@code title},
 * {@code detail}, {@code error_code}, {@code errors}). Its {@code status} member is the string
 * {@code "error"} as Karma's clients expect; the HTTP status is on the status line (RFC 9457
 * section 3.1: a member of the wrong type is ignored by problem consumers).
 */
final class KarmaProblems implements ProblemDecorator {

    private final Clock clock;

    KarmaProblems(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Problem decorate(ServerRequest req, Problem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", problem.errorCode());
        error.put("message", problem.title());
        return problem.with("status", "error")
                .with("error", error)
                .with("path", req.path().absolute().path())
                .with("timestamp", Instant.now(clock).toString());
    }
}
