package org.bhiv.console;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.JsonBodies;

/**
 * {@code POST /bucket/prana/ingest}: forwards a page's PRANA packet to Bucket as it came (Bucket
 * answers no CORS preflight, so the page posts to its own origin), without the console's token,
 * and answers Bucket's answer, so the library's retry and backoff see Bucket's real state.
 */
final class PranaProxy implements HttpService {

    private final Pillars pillars;
    private final ConsoleConfig config;

    PranaProxy(Pillars pillars, ConsoleConfig config) {
        this.pillars = pillars;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/ingest", this::ingest);
    }

    private void ingest(ServerRequest req, ServerResponse res) {
        // sendBeacon posts a Blob typed application/json; anything else is refused here as Bucket would
        JsonBodies.checkMediaType(req);
        byte[] packet = JsonBodies.readBytes(req, config.maxBodyBytes());
        Relay.send(res, pillars.pranaPacket(packet));
    }
}
