package org.bhiv.server;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UtcLogFormatterTest {

    @Test
    void oneLineWithTheTimeInUtcAndItsZone() {
        LogRecord record = new LogRecord(Level.WARNING, "sink {0} paused");
        record.setParameters(new Object[] {"bucket"});
        record.setLoggerName("org.bhiv.executor.outbox.SinkLoop");
        record.setInstant(Instant.parse("2026-12-06T21:54:27.867123Z"));
        assertThat(new UtcLogFormatter().format(record))
                .isEqualTo("2026-12-06T21:54:27.867Z WARNING org.bhiv.executor.outbox.SinkLoop - sink bucket paused"
                        + System.lineSeparator());
    }

    @Test
    void aThrowableFollowsItsLine() {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setLoggerName("x");
        record.setThrown(new IllegalStateException("boom"));
        assertThat(new UtcLogFormatter().format(record)).contains("Z SEVERE x - failed", "IllegalStateException: boom");
    }
}
