package org.bhiv.bucket.faults;

import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.AccessPolicy;

/**
 * {@code /admin/faults}: the operator sets ({@code POST}), reads ({@code GET}) and clears
 * ({@code DELETE}) the faults injected into event writes.
 */
public final class FaultService implements HttpService {

    private static final System.Logger LOGGER = System.getLogger(FaultService.class.getName());

    private final Faults faults;
    private final AccessPolicy operator;
    private final int maxBodyBytes;

    /**
     * @param faults       the shared fault state
     * @param operator     who may change it
     * @param maxBodyBytes largest request body
     */
    public FaultService(Faults faults, AccessPolicy operator, int maxBodyBytes) {
        this.faults = faults;
        this.operator = operator;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::show)
                .post("/", this::set)
                .delete("/", this::clear);
    }

    private void show(ServerRequest req, ServerResponse res) {
        operator.check(req);
        Responses.json(res, 200, Map.of("success", true, "faults", faults.current()));
    }

    private void set(ServerRequest req, ServerResponse res) {
        String who = operator.check(req);
        FaultSettings settings = FaultSettings.parse(JsonBodies.readObject(req, maxBodyBytes));
        faults.set(settings);
        LOGGER.log(System.Logger.Level.WARNING, "Faults injected into write-event by " + who + ": " + settings);
        Responses.json(res, 200, Map.of("success", true, "message", "Faults set", "faults", settings));
    }

    private void clear(ServerRequest req, ServerResponse res) {
        String who = operator.check(req);
        faults.clear();
        LOGGER.log(System.Logger.Level.INFO, "Faults cleared by " + who);
        Responses.json(res, 200, Map.of("success", true, "message", "Faults cleared", "faults", faults.current()));
    }
}
