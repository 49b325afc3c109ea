package org.bhiv.executor.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentStoresTest {

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
    void savedTaskIsFoundByItsIdAndTheFirstSaveOfAnIdWins() {
        var tasks = new JdbcTaskDocuments(db.dataSource());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        assertThat(tasks.save("task_0123456789abcdef", "t-1", now, "{\"title\":\"first\"}")).isTrue();
        assertThat(tasks.save("task_0123456789abcdef", "t-1", now, "{\"title\":\"second\"}")).isFalse();

        assertThat(tasks.find("task_0123456789abcdef")).contains("{\"title\":\"first\"}");
        assertThat(tasks.find("task_unknown")).isEmpty();
    }

    @Test
    void sandboxRecordsAreKeptInTheOrderRecorded() {
        var records = new JdbcSandboxRecords(db.dataSource());
        Instant now = Instant.now();

        records.record("t-sb", "whatsapp-sandbox", now, "{\"n\":1}");
        records.record("t-other", "email-sandbox", now, "{\"n\":2}");
        records.record("t-sb", "email-sandbox", now, "{\"n\":3}");

        assertThat(records.findByTraceId("t-sb")).containsExactly("{\"n\":1}", "{\"n\":3}");
        assertThat(records.all()).containsSubsequence("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(records.findByTraceId("t-none")).isEmpty();
    }
}
