package org.bhiv.karma.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.karma.KarmaConfig;
import org.bhiv.karma.ledger.KarmaLedger;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;

/**
 * {@code GET /api/v1/karma/{user_id}}: a user's karma, for the readers
 * ({@code karma.governance.readers}, anonymous when {@code karma.governance.allow-anonymous-read}).
 */
public final class KarmaQueryService implements HttpService {

    private final KarmaLedger ledger;
    private final KarmaConfig config;

    /**
     * @param ledger the karma ledger
     * @param config policies
     */
    public KarmaQueryService(KarmaLedger ledger, KarmaConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{user_id}", this::karma);
    }

    private void karma(ServerRequest req, ServerResponse res) {
        config.reader().check(req);
        String userId = req.path().pathParameters().get("user_id");
        Responses.json(res, 200, ledger.find(userId).orElseThrow(() -> ProblemException.of(404, "user_not_found",
                "No karma is recorded for this user.")));
    }
}
