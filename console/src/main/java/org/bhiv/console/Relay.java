package org.bhiv.console;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;

/** Sends a pillar's answer on to the browser: its status and JSON body, or 502 when it did not answer. */
final class Relay {

    private Relay() {
    }

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
}
