package org.bhiv.karma.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.karma.KarmaConfig;
import org.bhiv.karma.ledger.KarmaEntry;
import org.bhiv.karma.ledger.KarmaLedger;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;

/**
 * {@code POST /v1/event/}: behaviour events ({@code life_event}) and stats requests
 * ({@code stats_request}) from the writers ({@code karma.governance.writers}).
 */
public final class EventService implements HttpService {

    private final KarmaLedger ledger;
    private final KarmaConfig config;
    private final KarmaAnswers answers;
    private final KarmaMeters meters;

    /**
     * @param ledger  the karma ledger
     * @param config  limits and policies
     * @param clock   source of timestamps
     * @param meters  counts applied events
     */
    public EventService(KarmaLedger ledger, KarmaConfig config, java.time.Clock clock, KarmaMeters meters) {
        this.meters = meters;
        this.ledger = ledger;
        this.config = config;
        this.answers = new KarmaAnswers(clock);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::event);
    }

    private void event(ServerRequest req, ServerResponse res) {
        String checked = config.writers().check(req);
        ObjectNode body = JsonBodies.readObject(req, config.maxBodyBytes());
        String caller = KarmaRequests.requester(req, body, config.writers(), checked);
        String type = KarmaRequests.type(body);
        KarmaRequests.Envelope envelope = KarmaRequests.envelope(body);
        if (type.equals(KarmaRequests.STATS_REQUEST)) {
            String userId = KarmaRequests.statsUser(envelope);
            var user = ledger.find(userId).orElseThrow(() -> ProblemException.of(404, "user_not_found",
                    "No karma is recorded for this user."));
            Responses.json(res, 200, answers.stats(user));
            return;
        }
        String source = body.path("source").isTextual() ? body.get("source").asText() : null;
        KarmaEntry entry = KarmaRequests.entry(envelope.data(), "data.", source, caller, envelope.errors());
        KarmaRequests.requireAllowedAction(config, entry, "data.action");
        KarmaLedger.Applied applied = ledger.apply(entry);
        meters.applied("event", entry.action().wire(), applied);
        Responses.json(res, 200, answers.applied(KarmaRequests.LIFE_EVENT, "Life event processed",
                entry.action().wire(), applied));
    }
}
