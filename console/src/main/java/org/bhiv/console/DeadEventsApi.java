package org.bhiv.console;

import java.util.List;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.console.Pillars.Pillar;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;

/**
 * The executor's dead events: anyone may list them ({@code GET /api/dead-events}); redelivering
 * one ({@code POST /api/dead-events/{id}/redeliver}) or all that match {@code sink} and
 * {@code trace_id} ({@code POST /api/dead-events/redeliver}) needs an operator session (403
 * {@code operator_required} otherwise). The executor logs and counts each redelivery.
 */
final class DeadEventsApi implements HttpService {

    private static final List<String> FILTERS = List.of("sink", "trace_id", "since", "limit", "before");
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private final Pillars pillars;
    private final OperatorSessions sessions;

    DeadEventsApi(Pillars pillars, OperatorSessions sessions) {
        this.pillars = pillars;
        this.sessions = sessions;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/redeliver", this::redeliverMatching)
                .post("/{id}/redeliver", this::redeliverOne);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Relay.send(res, pillars.get(Pillar.EXECUTOR, "/api/workflow/dead-events" + Relay.query(req, FILTERS)));
    }

    private void redeliverOne(ServerRequest req, ServerResponse res) {
        requireOperator(req);
        String id = req.path().pathParameters().get("id");
        if (!ID.matcher(id).matches()) {
            throw ProblemException.of(Problem.of(404, "dead_event_not_found", "No event has this id."));
        }
        Relay.send(res, pillars.post(Pillar.EXECUTOR, "/api/workflow/dead-events/" + id + "/redeliver", null));
    }

    private void redeliverMatching(ServerRequest req, ServerResponse res) {
        requireOperator(req);
        Relay.send(res, pillars.post(Pillar.EXECUTOR, "/api/workflow/dead-events/redeliver"
                + Relay.query(req, List.of("sink", "trace_id", "since", "max")), null));
    }

    private void requireOperator(ServerRequest req) {
        if (!sessions.operator(Relay.session(req))) {
            throw ProblemException.of(Problem.of(403, "operator_required",
                    "Sign in as operator first: enter the operator's token (OPERATOR_TOKEN in .run/tokens.env)."));
        }
    }
}
