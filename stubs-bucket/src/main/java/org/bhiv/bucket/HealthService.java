package org.bhiv.bucket;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.bucket.audit.EventStore;
import org.bhiv.bucket.audit.Verification;
import org.bhiv.bucket.prana.PranaService;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;
import org.bhiv.server.auth.Tokens;

/**
 * {@code GET /health} (section 5 of the contracts), open to everyone. The status is
 * {@code degraded} while the audit chain does not verify (a journal changed on disk).
 */
final class HealthService implements HttpService {

    private final Tokens tokens;
    private final BucketConfig config;
    private final EventStore store;
    private final PranaService prana;

    HealthService(Tokens tokens, BucketConfig config, EventStore store, PranaService prana) {
        this.tokens = tokens;
        this.config = config;
        this.store = store;
        this.prana = prana;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        Verification chain = store.summary();
        EventStore.Counts counts = store.counts();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", chain.valid() ? "healthy" : "degraded");
        body.put("bucket_version", config.version());
        body.put("auth", Caller.mode(tokens));
        body.put("core_integration", Map.of("status", "active",
                "events_received", counts.events(), "agents_tracked", counts.agents()));
        body.put("prana_telemetry", Map.of("status", "active",
                "packets_received", prana.packetsReceived(), "users_tracked", prana.usersTracked()));
        Map<String, Object> auditChain = new LinkedHashMap<>();
        auditChain.put("length", chain.length());
        auditChain.put("head_hash", chain.headHash());
        auditChain.put("valid", chain.valid());
        auditChain.put("first_invalid_seq", chain.firstInvalidSeq());
        auditChain.put("missing", chain.missing());
        Map<String, Object> governance = new LinkedHashMap<>();
        governance.put("gate_active", true);
        governance.put("constitutional_governance", "active");
        governance.put("anonymous_read", config.reader().anonymous());
        governance.put("audit_chain", auditChain);
        body.put("governance", governance);
        body.put("storage", Map.of("capacity", counts.capacity(), "journal", counts.journal() == null ? "none" : "enabled"));
        Responses.json(res, 200, body);
    }
}
