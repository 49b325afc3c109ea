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
    void savedTaskIsFoundByItsIdAndSavingTheIdAgainReplacesIt() {
        var tasks = new JdbcTaskDocuments(db.dataSource());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        tasks.save("task_0123456789abcdef", "t-1", now, "{\"title\":\"first\"}");
        assertThat(tasks.find("task_0123456789abcdef")).contains("{\"title\":\"first\"}");
        tasks.save("task_0123456789abcdef", "t-1", now, "{\"title\":\"second\"}");

        assertThat(tasks.find("task_0123456789abcdef")).contains("{\"title\":\"second\"}");
        assertThat(tasks.find("task_unknown")).isEmpty();
    }

    @Test
    void sandboxRecordsAreKeptInTheOrderRecordedAndARecordedMessageIdIsReplaced() {
        var records = new JdbcSandboxRecords(db.dataSource());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var first = new JdbcSandboxRecords.Row("t-sb", "whatsapp", "wa_1", now, "{\"n\":1}");
        var other = new JdbcSandboxRecords.Row("t-other", "email", "email_2", now, "{\"n\":2}");
        var third = new JdbcSandboxRecords.Row("t-sb", "email", "email_3", now, "{\"n\":3}");
        var firstAgain = new JdbcSandboxRecords.Row("t-sb", "whatsapp", "wa_1", now.plusSeconds(1), "{\"n\":4}");

        records.record(first);
        records.record(other);
        records.record(third);
        assertThat(records.findByTraceId("t-sb")).containsExactly(first, third);

        records.record(firstAgain);
        assertThat(records.findByTraceId("t-sb")).containsExactly(third, firstAgain);
        assertThat(records.findByTraceId("t-none")).isEmpty();
    }
}
