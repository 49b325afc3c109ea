package org.bhiv.karma.api;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.karma.KarmaConfig;
import org.bhiv.karma.ledger.KarmaEntry;
import org.bhiv.karma.ledger.KarmaLedger;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.Responses;

/**
 * {@code POST /api/v1/log-action/}: direct karma modification, allowed to the modifiers
 * ({@code karma.governance.modifiers}); the executor is not one: it may write events, never
 * modify karma.
 */
public final class LogActionService implements HttpService {

    private final KarmaLedger ledger;
    private final KarmaConfig config;
    private final KarmaAnswers answers;
    private final KarmaMeters meters;

    /**
     * @param ledger the karma ledger
     * @param config limits and policies
     * @param clock  source of timestamps
     * @param meters counts applied actions
     */
    public LogActionService(KarmaLedger ledger, KarmaConfig config, Clock clock, KarmaMeters meters) {
        this.meters = meters;
        this.ledger = ledger;
        this.config = config;
        this.answers = new KarmaAnswers(clock);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::logAction);
    }

    private void logAction(ServerRequest req, ServerResponse res) {
        String checked = config.modifiers().check(req);
        ObjectNode body = JsonBodies.readObject(req, config.maxBodyBytes());
        String caller = KarmaRequests.requester(req, body, config.modifiers(), checked);
        KarmaEntry entry = KarmaRequests.entry(body, "", null, caller, java.util.List.of());
        KarmaRequests.requireAllowedAction(config, entry, "action");
        KarmaLedger.Applied applied = ledger.apply(entry);
        meters.applied("log_action", entry.action().wire(), applied);
        Responses.json(res, 200, answers.applied(null, "Action logged", entry.action().wire(), applied));
    }
}
