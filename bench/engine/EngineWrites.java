// A measurement, not part of the build: the executor's store writes per execution (claim commit, then task,
// execution and key in the record commit), B executions per commit on one writer, H2 as the executor
// configures it vs SQLite in WAL mode (synchronous=NORMAL: survives a killed process). How to run it and
// what it found: docs/executor-store.md, "Not done / limits".
import java.sql.*;
import java.util.*;

/** The executor's write pattern per execution, B executions per commit, one writer: H2 (as configured) vs SQLite WAL. */
public class EngineWrites {
    public static void main(String[] a) throws Exception {
        String url = a[0]; int n = Integer.parseInt(a[1]); int batch = Integer.parseInt(a[2]);
        boolean sqlite = url.startsWith("jdbc:sqlite");
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                if (sqlite) { s.execute("PRAGMA journal_mode=WAL"); s.execute("PRAGMA synchronous=NORMAL"); }
                String ts = sqlite ? "TEXT" : "TIMESTAMP WITH TIME ZONE";
                s.execute("CREATE TABLE idempotency_keys (idem_key VARCHAR(255) PRIMARY KEY, fingerprint CHAR(64) NOT NULL, claim_state VARCHAR(16) NOT NULL, claim_token VARCHAR(36) NOT NULL, execution_id VARCHAR(36), claimed_at "+ts+" NOT NULL, lease_until "+ts+" NOT NULL, expires_at "+ts+" NOT NULL)");
                s.execute("CREATE INDEX k_exp ON idempotency_keys (expires_at)");
                s.execute("CREATE TABLE executions (execution_id VARCHAR(36) PRIMARY KEY, trace_id VARCHAR(128) NOT NULL, idempotency_key VARCHAR(255) NOT NULL, action_type VARCHAR(64), status VARCHAR(16) NOT NULL, replayable BOOLEAN NOT NULL, received_at "+ts+" NOT NULL, duration_ms BIGINT NOT NULL, result_json VARCHAR(100000) NOT NULL, response_status INTEGER NOT NULL, response_body VARCHAR(100000) NOT NULL, user_id VARCHAR(128))");
                s.execute("CREATE INDEX e_trace ON executions (trace_id, received_at)");
                s.execute("CREATE INDEX e_recv ON executions (received_at, execution_id)");
                s.execute("CREATE TABLE tasks (task_id VARCHAR(64) PRIMARY KEY, trace_id VARCHAR(128) NOT NULL, created_at "+ts+" NOT NULL, task_json VARCHAR(100000) NOT NULL)");
            }
            c.setAutoCommit(false);
            String result = "{\"success\":true,\"trace_id\":\"%s\",\"timestamp\":\"2026-12-07T08:32:32.498487428Z\",\"provider\":\"sandbox\",\"task_id\":\"task_dff5267b7bb331f7\",\"task_status\":\"CREATED\",\"reference\":\"local://tasks/task_dff5267b7bb331f7\",\"created_at\":\"2026-12-07T08:32:32.487944725Z\"}";
            PreparedStatement insKey = c.prepareStatement("INSERT INTO idempotency_keys VALUES (?,?,?,?,NULL,?,?,?)");
            PreparedStatement updKey = c.prepareStatement("UPDATE idempotency_keys SET claim_state='completed', execution_id=?, expires_at=? WHERE idem_key=? AND claim_token=?");
            PreparedStatement insExec = c.prepareStatement("INSERT INTO executions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
            PreparedStatement insTask = c.prepareStatement("INSERT INTO tasks VALUES (?,?,?,?)");
            var now = java.time.OffsetDateTime.now();
            Object t = sqlite ? now.toString() : now;
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i += batch) {
                // claim commit
                List<String> keys = new ArrayList<>();
                for (int j = 0; j < batch; j++) {
                    String key = UUID.randomUUID().toString(); keys.add(key);
                    insKey.setString(1, key); insKey.setString(2, "f".repeat(64)); insKey.setString(3, "in_progress"); insKey.setString(4, key);
                    insKey.setObject(5, t); insKey.setObject(6, t); insKey.setObject(7, t); insKey.executeUpdate();
                }
                c.commit();
                // record commit
                for (String key : keys) {
                    String id = UUID.randomUUID().toString(); String r = String.format(result, key);
                    insTask.setString(1, "task_" + id.substring(0, 16)); insTask.setString(2, key); insTask.setObject(3, t); insTask.setString(4, r); insTask.executeUpdate();
                    insExec.setString(1, id); insExec.setString(2, key); insExec.setString(3, key); insExec.setString(4, "task"); insExec.setString(5, "success");
                    insExec.setBoolean(6, true); insExec.setObject(7, t); insExec.setLong(8, 3); insExec.setString(9, r); insExec.setInt(10, 200);
                    insExec.setString(11, "{\"trace_id\":\"" + key + "\",\"status\":\"success\",\"execution_result\":" + r + "}"); insExec.setString(12, "bench_user"); insExec.executeUpdate();
                    updKey.setString(1, id); updKey.setObject(2, t); updKey.setString(3, key); updKey.setString(4, key); updKey.executeUpdate();
                }
                c.commit();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e6;
            System.out.printf("%s batch=%d: %d executions in %.2f s = %.0f/s, writer CPU %.3f ms/execution%n",
                    sqlite ? "sqlite-wal" : "h2", batch, n, s, n / s, cpu / n);
        }
    }
}
