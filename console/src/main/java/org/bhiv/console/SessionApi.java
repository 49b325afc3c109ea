package org.bhiv.console;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;

/**
 * {@code /api/session}: {@code GET} says whether this browser is signed in as operator;
 * {@code POST {"token": "..."}} signs in with the operator's token (401 {@code invalid_token}
 * otherwise); {@code DELETE} signs out.
 */
final class SessionApi implements HttpService {

    private final OperatorSessions sessions;
    private final ConsoleConfig config;

    SessionApi(OperatorSessions sessions, ConsoleConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::get).post("/", this::signIn).delete("/", this::signOut);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Responses.json(res, 200, Map.of("operator", sessions.operator(Relay.session(req)), "open", sessions.open()));
    }

    private void signIn(ServerRequest req, ServerResponse res) {
        ObjectNode body = JsonBodies.readObject(req, config.maxBodyBytes());
        String token = body.path("token").isTextual() ? body.get("token").textValue() : null;
        if (sessions.open()) {
            Responses.json(res, 200, Map.of("operator", true, "open", true));
            return;
        }
        String session = sessions.signIn(token).orElseThrow(() -> ProblemException.of(Problem.of(401, "invalid_token",
                "That is not the operator's token (OPERATOR_TOKEN in .run/tokens.env on the local stack).")));
        res.header(HeaderNames.SET_COOKIE, OperatorSessions.COOKIE + "=" + session
                + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + config.sessionTtl().toSeconds());
        Responses.json(res, 200, Map.of("operator", true, "open", false));
    }

    private void signOut(ServerRequest req, ServerResponse res) {
        sessions.signOut(Relay.session(req));
        res.header(HeaderNames.SET_COOKIE, OperatorSessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        Responses.json(res, 200, Map.of("operator", sessions.open(), "open", sessions.open()));
    }
}
