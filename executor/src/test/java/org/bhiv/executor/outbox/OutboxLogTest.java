package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxLogTest {

    @Test
    void deliveryLinesAreGreppableSanitisedAndFreeOfSecretsAndContent(@TempDir Path dir) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("org.bhiv.executor.outbox");
        logger.addHandler(capture);
        try (Receiver bucket = Receiver.start().answer(r -> Receiver.Reply.status(400, "{\"detail\": \"no\"}"));
             Receiver karma = Receiver.start();
             OutboxFixture f = new OutboxFixture(dir, bucket.url(), karma.url(), Map.of())) {
            OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
            dispatcher.start();
            try {
                f.enqueueCommitted(OutboxFixture.execution("log-1\nINTEGRATION_DELIVERED | sink=bucket"));
                await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains("INTEGRATION_DEAD"))
                        && lines.stream().anyMatch(l -> l.contains("INTEGRATION_DELIVERED")));
            } finally {
                dispatcher.shutdown(Duration.ZERO);
            }
        } finally {
            logger.removeHandler(capture);
        }

        assertThat(lines).contains(
                "WARNING INTEGRATION_DEAD | sink=bucket | trace_id=log-1_INTEGRATION_DELIVERED | sink=bucket | reason=http_400 | attempts=1",
                "INFO INTEGRATION_DELIVERED | sink=karma | trace_id=log-1_INTEGRATION_DELIVERED | sink=bucket | attempts=1");
        assertThat(lines).noneMatch(l -> l.contains("\n"));
        assertThat(lines).noneMatch(l -> l.contains("secret-token") || l.contains("Hello there") || l.contains("9876543210"));
    }
}
