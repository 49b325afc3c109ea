package org.bhiv.executor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.bhiv.executor.adapters.sandbox.SandboxRecord;
import org.bhiv.executor.adapters.sandbox.SandboxRecorder;
import org.bhiv.server.Json;

/**
 * The {@link SandboxRecorder} on the executor's database, so that what the sandbox providers
 * would have sent survives a restart and is the same for every replica. Recording a trace's
 * provider message id again replaces the earlier record. Thread-safe.
 */
public final class JdbcSandboxRecorder implements SandboxRecorder {

    private static final TypeReference<Map<String, Object>> CONTENT = new TypeReference<>() {
    };
    private static final String DELETE =
            "DELETE FROM sandbox_records WHERE trace_id = ? AND provider_message_id = ?";
    private static final String INSERT = """
            INSERT INTO sandbox_records (trace_id, action_type, provider_message_id, recorded_at, content_json)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String SELECT_BY_TRACE = """
            SELECT trace_id, action_type, provider_message_id, recorded_at, content_json
            FROM sandbox_records WHERE trace_id = ? ORDER BY record_id""";

    private final Transactions db;
    private final Clock clock;

    /**
     * @param database the migrated database
     * @param clock      stamps the records
     */
    public JdbcSandboxRecorder(Database database, Clock clock) {
        this.db = database.transactions();
        this.clock = clock;
    }

    @Override
    public TransactionalWrite recording(String traceId, String actionType, String providerMessageId,
                                        Map<String, Object> content) {
        String json = write(content); // serialised here, not on the store's single writer thread
        return c -> {
            Sql.update(c, DELETE, traceId, providerMessageId);
            Sql.update(c, INSERT, traceId, actionType, providerMessageId, clock.instant(), json);
        };
    }

    @Override
    public List<SandboxRecord> recorded(String traceId) {
        return db.direct("read sandbox records", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_BY_TRACE)) {
                Sql.set(ps, traceId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<SandboxRecord> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(new SandboxRecord(rs.getString("trace_id"), rs.getString("action_type"),
                                rs.getString("provider_message_id"), Sql.instant(rs, "recorded_at"),
                                read(rs.getString("content_json"))));
                    }
                    return List.copyOf(found);
                }
            }
        });
    }

    private static String write(Map<String, Object> content) {
        try {
            return Json.mapper().writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Sandbox content must serialise to JSON", e);
        }
    }

    private static Map<String, Object> read(String json) {
        try {
            return Json.mapper().readValue(json, CONTENT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored sandbox record is not readable JSON", e);
        }
    }
}
