package org.bhiv.bucket.prana;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.bucket.BucketConfig;
import org.bhiv.bucket.core.QueryParams;
import org.bhiv.server.FieldError;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;

/**
 * {@code /bucket/prana}: ingest of PRANA telemetry packets, and reading them back (READ).
 */
public final class PranaService implements HttpService {

    private final PranaStore store;
    private final BucketConfig config;

    /**
     * @param config limits and policies
     * @param clock  source of {@code received_at}
     */
    public PranaService(BucketConfig config, Clock clock) {
        this.store = new PranaStore(config.maxPackets(), clock);
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/ingest", this::ingest)
                .get("/packets", this::packets)
                .get("/stats", this::stats);
    }

    /** @return packets received since start, for health */
    public long packetsReceived() {
        return store.received();
    }

    /** @return distinct users seen, for health */
    public int usersTracked() {
        return store.users();
    }

    private void ingest(ServerRequest req, ServerResponse res) {
        config.pranaWriter().check(req);
        store.add(PranaPacket.validate(JsonBodies.readObject(req, config.maxBodyBytes())));
        Responses.json(res, 200, Map.of("success", true, "message", "Packet received"));
    }

    private void packets(ServerRequest req, ServerResponse res) {
        config.reader().check(req);
        int limit = QueryParams.limit(req, 100, 1000);
        Optional<String> systemType = QueryParams.optional(req, "system_type");
        if (systemType.isPresent() && !PranaPacket.SYSTEM_TYPES.contains(systemType.get())) {
            throw ProblemException.invalidFields("invalid_query",
                    List.of(new FieldError("system_type", "must be one of [ems, gurukul]")));
        }
        Optional<String> userId = QueryParams.optional(req, "user_id");
        Predicate<ObjectNode> filter = p -> userId.map(u -> u.equals(p.get("user_id").asText())).orElse(true)
                && systemType.map(s -> s.equals(p.get("system_type").asText())).orElse(true);
        var packets = store.last(filter, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("packets", packets);
        body.put("count", packets.size());
        Responses.json(res, 200, body);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        config.reader().check(req);
        Responses.json(res, 200, Map.of("success", true, "stats", store.stats()));
    }
}
