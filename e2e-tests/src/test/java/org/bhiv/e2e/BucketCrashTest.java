package org.bhiv.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Bucket stand-in's journal under a real crash (docs/stubs.md, "Journal"): the packaged jar
 * takes events from concurrent writers and is killed with SIGKILL while they are in flight. After
 * a restart on the same journal every answered event is there with the sequence number it was
 * answered with, the chain has no gap and verifies, and a redelivery is still a duplicate.
 */
class BucketCrashTest {

    private static final int WRITERS = 16;
    private static final int ANSWERS_BEFORE_CRASH = 400;

    @Test
    void everyAnsweredEventSurvivesKillNineInChainOrder(@TempDir Path dir) throws Exception {
        Map<String, Long> answered = new ConcurrentHashMap<>();
        ServiceProcess bucket = ServiceProcess.bucket(dir);
        writeThenCrash(bucket, answered);

        bucket = ServiceProcess.bucket(dir);
        try {
            JsonNode verdict = Http.get(bucket.url() + "/core/audit/verify", Stack.OPERATOR_TOKEN).json();
            assertThat(verdict.get("valid").asBoolean()).as("verdict %s", verdict).isTrue();
            long length = verdict.get("length").asLong();
            assertThat(length).isGreaterThanOrEqualTo(answered.size());

            List<JsonNode> records = new ArrayList<>();
            Http.get(bucket.url() + "/core/events?limit=1000", Stack.OPERATOR_TOKEN).json().get("events")
                    .forEach(records::add);
            assertThat(records).hasSize((int) length);
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).get("seq").asLong()).as("chain order without gaps").isEqualTo(i + 1L);
            }
            Map<String, Long> stored = new ConcurrentHashMap<>();
            records.forEach(r -> stored.put(r.get("event_id").asText(), r.get("seq").asLong()));
            assertThat(stored).as("every answered event, at the seq it was answered with").containsAllEntriesOf(answered);

            String redelivered = answered.keySet().iterator().next();
            Http.Answer again = Http.post(bucket.url() + "/core/write-event", Stack.EXECUTOR_TOKEN, body(redelivered));
            assertThat(again.json().get("duplicate").asBoolean()).isTrue();
            assertThat(again.json().get("seq").asLong()).isEqualTo(answered.get(redelivered));
        } finally {
            bucket.close();
        }
    }

    /** Writes from several threads and kills Bucket once enough were answered, with the others in flight. */
    private static void writeThenCrash(ServiceProcess bucket, Map<String, Long> answered) throws Exception {
        AtomicInteger next = new AtomicInteger();
        CrashUnderLoad.run(bucket, WRITERS, ANSWERS_BEFORE_CRASH, crashed -> {
            String eventId = "evt_crash_" + next.getAndIncrement();
            Http.Answer answer = Http.post(bucket.url() + "/core/write-event", Stack.EXECUTOR_TOKEN, body(eventId));
            if (answer.status() != 200) {
                return false;
            }
            answered.put(eventId, answer.json().get("seq").asLong());
            return true;
        });
        assertThat(answered).hasSizeGreaterThanOrEqualTo(ANSWERS_BEFORE_CRASH);
        assertThat(answered.size()).as("room to read them all back in one page").isLessThan(900);
    }

    private static String body(String eventId) {
        return "{\"requester_id\":\"workflow_executor\",\"event_data\":{\"event_id\":\"" + eventId + "\","
                + "\"event_type\":\"workflow_execution\",\"trace_id\":\"" + eventId + "\",\"status\":\"success\"}}";
    }
}
