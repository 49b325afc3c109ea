package org.bhiv.core;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;
import org.bhiv.server.auth.Tokens;

/**
 * The service's own health answer (section 1 of the contracts), separate from Helidon's
 * {@code /observe/health}.
 */
final class HealthService implements HttpService {

    private final Tokens tokens;

    HealthService(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("auth", Caller.mode(tokens));
        Responses.json(res, 200, body);
    }
}
