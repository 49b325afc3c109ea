package org.bhiv.console;

import java.util.List;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;

/** Between the browser and a pillar: the browser's filters passed on, its session cookie read, the pillar's answer sent back. */
final class Relay {

    private Relay() {
    }

    /** Sends the pillar's status and JSON body on, or 502 {@code pillar_unavailable} when it did not answer. */
    static void send(ServerResponse res, Pillars.Answer answer) {
        if (answer.status() == 0) {
            throw ProblemException.of(Problem.of(502, "pillar_unavailable", answer.error()));
        }
        Responses.json(res, answer.status(), answer.body());
    }

    /** @return the session cookie's value, or {@code null} */
    static String session(ServerRequest req) {
        return req.headers().cookies().first(OperatorSessions.COOKIE).asOptional().orElse(null);
    }

    /** @return those of {@code names} the browser sent (non-blank), as a query string for the pillar; empty when none */
    static String query(ServerRequest req, List<String> names) {
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            req.query().first(name).asOptional().filter(v -> !v.isBlank()).ifPresent(v ->
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(Pillars.q(v)));
        }
        return query.toString();
    }
}
