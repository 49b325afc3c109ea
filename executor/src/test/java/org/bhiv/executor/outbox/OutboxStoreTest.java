package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bhiv.executor.store.OutboxReads;
import org.bhiv.executor.store.OutboxStore;
import org.bhiv.executor.store.OutboxStore.Finish;
import org.bhiv.executor.store.OutboxStore.Finish.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

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

    @Test
    void finishRecordsEveryKindInOneBatchAndNothingWhereTheClaimWasLost(@TempDir Path dir) throws Exception {
        try (OutboxFixture f = new OutboxFixture(dir, "http://127.0.0.1:1", "http://127.0.0.1:1", Map.of())) {
            finishRecordsEveryKindAndNothingOfALostClaim(f, "mix");
        }
    }

    /**
     * Claims seven events in one batch, loses two of the claims to another dispatcher (their lease
     * ran out and it took them), then finishes all seven in one call: the five still held are
     * recorded as their kind says, the two lost ones are reported unrecorded and left untouched.
     * Shared with {@link OutboxPostgresTest} (the JDBC batch counts of both drivers).
     */
    static void finishRecordsEveryKindAndNothingOfALostClaim(OutboxFixture f, String prefix) throws Exception {
        OutboxStore store = f.outbox.store();
        try (Connection c = f.db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 7; i++) {
                store.insert(c, new OutboxStore.NewEvent(prefix + "-" + i, "bucket", "exec-" + prefix, prefix + "-trace",
                        "tp", "{\"n\":" + i + "}"), T0.plusMillis(i));
            }
            c.commit();
        }
        List<OutboxStore.ClaimedEvent> claimed = new ArrayList<>(
                store.claim("bucket", 7, T0.plusSeconds(1), T0.plusSeconds(60), "mine").stream()
                        .filter(e -> e.eventId().startsWith(prefix + "-")).toList());
        assertThat(claimed).extracting(OutboxStore.ClaimedEvent::eventId)
                .as("one claim, earliest due first").containsExactly(ids(prefix, 0, 7));
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE outbox_pending SET claim_token = 'theirs' WHERE event_id IN (?, ?)")) {
            ps.setString(1, prefix + "-5");
            ps.setString(2, prefix + "-6");
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }
        Instant at = T0.plusSeconds(2);
        Instant retryAt = T0.plusSeconds(30);

        boolean[] recorded = store.finish(List.of(
                new Finish(claimed.get(0), Kind.DELIVERED, 1, at, null),
                new Finish(claimed.get(1), Kind.DEAD, 1, at, "http_400: bad"),
                new Finish(claimed.get(2), Kind.RETRY, 1, retryAt, "http_503"),
                new Finish(claimed.get(3), Kind.PROBE_FAILED, 0, at, "connection_failed"),
                new Finish(claimed.get(4), Kind.RELEASE, 0, at, null),
                new Finish(claimed.get(5), Kind.DELIVERED, 1, at, null),
                new Finish(claimed.get(6), Kind.RETRY, 1, retryAt, "timeout")), "mine");

        assertThat(recorded).containsExactly(true, true, true, true, true, false, false);
        assertThat(row(f, "outbox_finished", prefix + "-0")).isEqualTo("delivered|1|null|null");
        assertThat(row(f, "outbox_finished", prefix + "-1")).as("a dead event keeps its payload")
                .isEqualTo("dead|1|http_400: bad|{\"n\":1}");
        assertThat(pending(f, prefix + "-2")).isEqualTo("1|" + retryAt + "|http_503|null");
        assertThat(pending(f, prefix + "-3")).as("a failed probe uses up no attempt and keeps the schedule")
                .isEqualTo("0|" + T0.plusMillis(3) + "|connection_failed|null");
        assertThat(pending(f, prefix + "-4")).isEqualTo("0|" + T0.plusMillis(4) + "|null|null");
        assertThat(pending(f, prefix + "-5")).as("lost claim: not moved, not deleted")
                .isEqualTo("0|" + T0.plusMillis(5) + "|null|theirs");
        assertThat(row(f, "outbox_finished", prefix + "-5")).isNull();
        assertThat(pending(f, prefix + "-6")).as("lost claim: not rescheduled")
                .isEqualTo("0|" + T0.plusMillis(6) + "|null|theirs");
        assertThat(pending(f, prefix + "-0")).as("moved rows leave the hot table").isNull();
        assertThat(pending(f, prefix + "-1")).isNull();
    }

    @Test
    void theBacklogIsReadPerSinkInTheOrderAskedWithTheOldestByCreationNotByDueTime(@TempDir Path dir)
            throws Exception {
        try (OutboxFixture f = new OutboxFixture(dir, "http://127.0.0.1:1", "http://127.0.0.1:1", Map.of())) {
            OutboxStore store = f.outbox.store();
            try (Connection c = f.db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                for (int i = 0; i < 3; i++) {
                    store.insert(c, new OutboxStore.NewEvent("b-" + i, "bucket", "e", "t", "tp", "{}"), T0.plusSeconds(i));
                }
                c.commit();
            }
            // the oldest is retried later than the others: the oldest pending is still it
            var first = store.claim("bucket", 1, T0.plusSeconds(5), T0.plusSeconds(60), "mine");
            store.finish(List.of(new Finish(first.getFirst(), Kind.RETRY, 1, T0.plusSeconds(3600), "http_503")), "mine");

            var backlog = new OutboxReads(f.db).backlog(List.of("karma", "bucket"));

            assertThat(backlog.keySet()).containsExactly("karma", "bucket");
            assertThat(backlog.get("bucket")).isEqualTo(new OutboxReads.Backlog(3, T0));
            assertThat(backlog.get("karma")).isEqualTo(new OutboxReads.Backlog(0, null));
        }
    }

    private static String[] ids(String prefix, int from, int to) {
        String[] ids = new String[to - from];
        for (int i = from; i < to; i++) {
            ids[i - from] = prefix + "-" + i;
        }
        return ids;
    }

    /** @return state|attempts|last_error|payload of a finished event, or null */
    private static String row(OutboxFixture f, String table, String eventId) throws Exception {
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT state, attempts, last_error, payload FROM " + table + " WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                        : null;
            }
        }
    }

    /** @return attempts|next_attempt_at|last_error|claim_token of a pending event, or null */
    private static String pending(OutboxFixture f, String eventId) throws Exception {
        try (Connection c = f.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT attempts, next_attempt_at, last_error, claim_token FROM outbox_pending WHERE event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) + "|" + rs.getObject(2, OffsetDateTime.class).toInstant() + "|"
                        + rs.getString(3) + "|" + rs.getString(4) : null;
            }
        }
    }
}
