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
                        INSERT INTO outbox_finished (id, event_id, sink, execution_id, trace_id, traceparent, payload,
                                                     state, attempts, created_at, finished_at)
                        SELECT 1000000 + "X", 'old-' || "X", 'bucket', 'old', 'old', 'tp', '{}',
                               CASE WHEN MOD("X", 2) = 0 THEN 'delivered' ELSE 'dead' END, 1,
                               TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00.010Z',
                               TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00.020Z'
                        FROM SYSTEM_RANGE(1, 12000)""");
                c.createStatement().executeUpdate("""
                        INSERT INTO outbox_finished (id, event_id, sink, execution_id, trace_id, traceparent, payload,
                                                     state, attempts, created_at, finished_at)
                        VALUES (2000000, 'recent', 'bucket', 'r', 'r', 'tp', NULL, 'delivered', 1,
                                TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00.010Z',
                                TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:05Z')""");
            }
            f.enqueueCommitted(OutboxFixture.execution("kept-1"));

            int purged = f.outbox.store().purge(java.time.Instant.ofEpochMilli(1000));

            assertThat(purged).isEqualTo(12_000);
            assertThat(f.rows("delivered")).as("finished after the cut-off").isEqualTo(1);
            assertThat(f.rows("dead")).isZero();
            assertThat(f.rows("pending")).as("pending rows are never purged").isEqualTo(2);
        }
    }
}
