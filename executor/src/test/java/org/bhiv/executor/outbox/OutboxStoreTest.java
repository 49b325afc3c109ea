package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxStoreTest {

    @Test
    void purgeDeletesOnlyFinishedRowsPastRetentionInChunks(@TempDir Path dir) throws Exception {
        try (OutboxFixture f = new OutboxFixture(dir, "http://127.0.0.1:1", "http://127.0.0.1:1", Map.of())) {
            try (Connection c = f.db.dataSource().getConnection()) {
                c.createStatement().executeUpdate("""
                        INSERT INTO outbox_event (event_id, sink, execution_id, trace_id, traceparent, payload, state,
                                                  attempts, created_at, next_attempt_at, finished_at)
                        SELECT 'old-' || "X", 'bucket', 'old', 'old', 'tp', '{}',
                               CASE WHEN MOD("X", 2) = 0 THEN 'delivered' ELSE 'dead' END, 1, 10, 10, 20
                        FROM SYSTEM_RANGE(1, 12000)""");
                c.createStatement().executeUpdate("""
                        INSERT INTO outbox_event (event_id, sink, execution_id, trace_id, traceparent, payload, state,
                                                  attempts, created_at, next_attempt_at, finished_at)
                        VALUES ('recent', 'bucket', 'r', 'r', 'tp', '{}', 'delivered', 1, 10, 10, 5000)""");
            }
            f.enqueueCommitted(OutboxFixture.execution("kept-1"));

            int purged = f.outbox.store().purge(1000);

            assertThat(purged).isEqualTo(12_000);
            assertThat(f.rows("delivered")).as("finished after the cut-off").isEqualTo(1);
            assertThat(f.rows("dead")).isZero();
            assertThat(f.rows("pending")).as("pending rows are never purged").isEqualTo(2);
        }
    }
}
