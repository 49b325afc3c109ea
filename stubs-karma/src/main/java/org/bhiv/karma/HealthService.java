package org.bhiv.karma;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.karma.ledger.KarmaLedger;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;
import org.bhiv.server.auth.Tokens;

/**
 * {@code GET /health} (section 6 of the contracts), open to everyone.
 */
final class HealthService implements HttpService {

    private final Tokens tokens;
    private final KarmaLedger ledger;

    HealthService(Tokens tokens, KarmaLedger ledger) {
        this.tokens = tokens;
        this.ledger = ledger;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("auth", Caller.mode(tokens));
        body.put("events_received", ledger.eventsReceived());
        body.put("users", ledger.users());
        Responses.json(res, 200, body);
    }
}
