package org.bhiv.executor.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bhiv.executor.adapters.sandbox.SandboxRecord;
import org.bhiv.executor.adapters.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The adapters' task store and sandbox recorder on the executor's database. */
class AdapterStoresTest {

    private static final Instant NOW = Instant.parse("2026-11-30T03:04:05.678Z");

    @TempDir
    static Path dir;
    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(new StoreConfig("", dir, "", "", 2, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void savedTaskIsFoundByItsIdWithEveryField() {
        var tasks = new JdbcTaskStore(db);
        var task = new Task("task_0123456789abcdef", "t-1", "Call back", null, "user-7", Task.CREATED, NOW);

        commit(tasks.saving(task));

        assertThat(tasks.find("task_0123456789abcdef")).contains(task);
        assertThat(tasks.find("task_unknown")).isEmpty();
    }

    /**
     * A provider that overruns its timeout is interrupted (ProviderCalls), and so may be any thread at
     * shutdown. An interrupt during H2's file I/O closes its FileChannel, and the database then fails
     * every later statement until restarted. Here the interrupted threads commit on their own
     * connection, so each of them writes the file.
     */
    @Test
    void threadsInterruptedWhileTheyWriteTheFileLeaveTheStoreWorking() throws Exception {
        for (int round = 0; round < 20; round++) {
            int r = round;
            Thread worker = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200 && !Thread.currentThread().isInterrupted(); i++) {
                    String key = "interrupted-" + r + "-" + i;
                    try {
                        db.transactions().direct("test write", c -> {
                            try (var insert = c.prepareStatement("INSERT INTO store_info (info_key, info_value) VALUES (?, ?)")) {
                                insert.setString(1, key);
                                insert.setString(2, "x".repeat(200));
                                return insert.executeUpdate();
                            }
                        });
                    } catch (StoreException expected) {
                        // the interrupted statement may fail; the store must not
                    }
                }
            });
            Thread.sleep(3);
            worker.interrupt();
            worker.join();
        }
        var tasks = new JdbcTaskStore(db);
        var after = new Task("task_ffffffffffffffff", "t-int", "after", null, "system", Task.CREATED, NOW);
        commit(tasks.saving(after));
        assertThat(tasks.find("task_ffffffffffffffff")).contains(after);
    }

    @Test
    void savingATaskIdAgainReplacesTheTask() {
        var tasks = new JdbcTaskStore(db);
        commit(tasks.saving(new Task("task_1111111111111111", "t-2", "first", "d", "system", Task.CREATED, NOW)));
        var second = new Task("task_1111111111111111", "t-2", "second", "d", "system", Task.CREATED, NOW.plusSeconds(1));

        commit(tasks.saving(second));

        assertThat(tasks.find("task_1111111111111111")).contains(second);
    }

    @Test
    void sandboxRecordsComeBackOldestFirstAndARecordedMessageIdIsReplaced() {
        var recorder = new JdbcSandboxRecorder(db, Clock.fixed(NOW, ZoneOffset.UTC));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("recipient", "+919876543210");
        content.put("description", null);
        content.put("attempt", 1);

        commit(recorder.recording("t-sb", "whatsapp", "wa_1", content));
        commit(recorder.recording("t-other", "email", "email_2", Map.of("n", 2)));
        commit(recorder.recording("t-sb", "email", "email_3", Map.of("n", 3)));
        assertThat(recorder.recorded("t-sb")).extracting(SandboxRecord::providerMessageId)
                .containsExactly("wa_1", "email_3");
        assertThat(recorder.recorded("t-sb").get(0))
                .isEqualTo(new SandboxRecord("t-sb", "whatsapp", "wa_1", NOW, content));

        commit(recorder.recording("t-sb", "whatsapp", "wa_1", Map.of("n", 4)));
        assertThat(recorder.recorded("t-sb")).extracting(SandboxRecord::providerMessageId)
                .containsExactly("email_3", "wa_1");
        assertThat(recorder.recorded("t-sb").get(1).content()).isEqualTo(Map.of("n", 4));
        assertThat(recorder.recorded("t-none")).isEmpty();
    }

    /** Commits one write as an execution's transaction would. */
    private static void commit(TransactionalWrite write) {
        db.transactions().write("test write", c -> {
            write.write(c);
            return null;
        });
    }
}
