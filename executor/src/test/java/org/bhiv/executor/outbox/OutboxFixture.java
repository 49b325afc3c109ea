package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import org.bhiv.executor.execution.ActionType;
import org.bhiv.executor.execution.Execution;
import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.StoreConfig;
import org.bhiv.server.Json;

/** Builds what outbox tests share: a real H2 file database, the config, executions, a transaction. */
final class OutboxFixture implements AutoCloseable {

    final Database db;
    /**
     * The service's own registry, the one {@code Main} gives its outbox: Helidon's registries share
     * Micrometer meters, so a second registry cannot replace the pending gauge that an executor
     * started in the same test JVM registered. Counters are read as deltas.
     */
    private static final MeterRegistry REGISTRY = Services.get(MeterRegistry.class);

    final MeterRegistry registry = REGISTRY;
    private final Map<String, Double> baseline = new HashMap<>();
    final IntegrationsConfig config;
    final Outbox outbox;

    OutboxFixture(Path dir, String bucketUrl, String karmaUrl, Map<String, String> overrides) {
        this(Database.open(new StoreConfig("", dir, "", "", 4, Duration.ofSeconds(2))), bucketUrl, karmaUrl, overrides);
    }

    OutboxFixture(Database db, String bucketUrl, String karmaUrl, Map<String, String> overrides) {
        this.db = db;
        this.config = config(bucketUrl, karmaUrl, overrides);
        this.outbox = Outbox.create(db, config, registry, Clock.systemUTC());
        for (String sink : List.of("bucket", "karma")) {
            for (String outcome : List.of("delivered", "retried", "dead", "dropped")) {
                baseline.put(sink + outcome, rawCounter(sink, outcome));
            }
        }
    }

    /** Fast settings for tests: short backoff, short scans; overrides win. */
    static IntegrationsConfig config(String bucketUrl, String karmaUrl, Map<String, String> overrides) {
        Map<String, String> map = new HashMap<>(Map.of(
                "integrations.bucket.url", bucketUrl,
                "integrations.bucket.token", "bucket-secret-token",
                "integrations.karma.url", karmaUrl,
                "integrations.karma.token", "karma-secret-token",
                "integrations.backoff.initial", "PT0.05S",
                "integrations.backoff.max", "PT0.3S",
                "integrations.outbox.scan-interval", "PT0.1S"));
        map.putAll(overrides);
        return IntegrationsConfig.create(Config.just(ConfigSources.create(map)).get("integrations"));
    }

    /**
     * An execution as the pipeline builds it, from the fields the outbox reads.
     *
     * @param idempotencyKey {@code null} = the trace_id
     * @param actionType     the recorded action type, {@code null} when the request named none
     */
    static Execution completed(String executionId, String traceId, String idempotencyKey, String actionType,
                               String status, String product, String userId, String role, ObjectNode result,
                               long durationMs, Instant finishedAt, String traceparent) {
        boolean success = status.equals("success");
        return new Execution(executionId, traceId, idempotencyKey == null ? traceId : idempotencyKey,
                ActionType.of(actionType, actionType == null ? "none" : actionType), success,
                success ? null : result.path("error_code").asText("failed"), false, result, finishedAt, durationMs,
                finishedAt, "bhiv_core", userId, product, role, traceparent);
    }

    static Execution execution(String traceId) {
        return execution(traceId, traceId, "success");
    }

    static Execution execution(String traceId, String idempotencyKey, String status) {
        ObjectNode result = Json.mapper().createObjectNode()
                .put("success", status.equals("success"))
                .put("trace_id", traceId)
                .put("whatsapp_message_id", "wa_0123456789abcdef")
                .put("recipient", "+919876543210")
                .put("message", "Hello there")
                .put("status", "SENT");
        return completed("exec-" + idempotencyKey, traceId, idempotencyKey, "whatsapp", status,
                "gurukul", "user-7", "volunteer", result, 12, Instant.parse("2026-01-02T03:04:05.678Z"), null);
    }

    /** Enqueues in a committed transaction, then wakes the dispatcher, as the store does. */
    int enqueueCommitted(Execution execution) throws Exception {
        int written;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            written = outbox.enqueue(c, outbox.eventsOf(execution));
            c.commit();
        }
        outbox.afterCommit();
        return written;
    }

    /** The deliveries of an execution made by {@link #execution(String)} (its id is {@code exec-<trace_id>}). */
    Map<String, Delivery> deliveries(String executionId) {
        String traceId = executionId.substring("exec-".length());
        return new DeliveryStates(db).byTrace(traceId).getOrDefault(executionId, Map.of());
    }

    long rows(String state) throws Exception {
        String sql = state.equals("pending") ? "SELECT COUNT(*) FROM outbox_pending WHERE ? = 'pending'"
                : "SELECT COUNT(*) FROM outbox_finished WHERE state = ?";
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @return how much the Micrometer counter grew since this fixture was made */
    double counter(String sink, String outcome) {
        return rawCounter(sink, outcome) - baseline.get(sink + outcome);
    }

    private double rawCounter(String sink, String outcome) {
        return registry.counter("integration.events", List.of(Tag.create("sink", sink), Tag.create("outcome", outcome)))
                .map(c -> (double) c.count()).orElseThrow();
    }

    @Override
    public void close() {
        db.close();
    }
}
