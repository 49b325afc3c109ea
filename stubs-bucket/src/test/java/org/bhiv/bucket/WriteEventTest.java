package org.bhiv.bucket;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a writer can and cannot put into the audit trail, and how events are read back.
 */
class WriteEventTest {

    private static BucketFixture bucket;

    @BeforeAll
    static void start() {
        bucket = BucketFixture.start(Map.of("bucket.max-event-bytes", "2048"));
    }

    @AfterAll
    static void stop() {
        bucket.close();
    }

    @Test
    void eventDataCannotOverrideServerSetFields() {
        BucketFixture.Answer answer = bucket.writeAsExecutor("""
                {"event_id":"forge-1","event_type":"workflow_execution","trace_id":"trace-forge",
                 "requester_id":"bhiv_core","seq":999,"hash":"beef","prev_hash":"cafe",
                 "received_at":"1999-01-01T00:00:00Z"}""");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("ignored_fields")).hasSize(5);

        JsonNode stored = bucket.get("/core/events?trace_id=trace-forge", BucketFixture.CORE).json().at("/events/0");
        assertThat(stored.get("requester_id").asText()).isEqualTo("workflow_executor");
        assertThat(stored.get("seq").asLong()).isEqualTo(answer.json().get("seq").asLong()).isNotEqualTo(999);
        assertThat(stored.get("hash").asText()).isEqualTo(answer.json().get("hash").asText()).hasSize(64);
        assertThat(stored.get("prev_hash").asText()).isNotEqualTo("cafe").hasSize(64);
        assertThat(stored.get("received_at").asText()).isNotEqualTo("1999-01-01T00:00:00Z");
        assertThat(stored.get("timestamp").asText()).isEqualTo(stored.get("received_at").asText());
        assertThat(bucket.get("/core/audit/verify", BucketFixture.CORE).json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void timestampFromTheEventIsKept() {
        bucket.writeAsExecutor("{\"trace_id\":\"trace-ts\",\"timestamp\":\"2026-01-31T10:15:30Z\"}");

        JsonNode stored = bucket.get("/core/events?trace_id=trace-ts", null).json().at("/events/0");
        assertThat(stored.get("timestamp").asText()).isEqualTo("2026-01-31T10:15:30Z");
    }

    @Test
    void repeatedEventIdIsAnsweredAsDuplicateAndStoredOnce() {
        BucketFixture.Answer first = bucket.writeAsExecutor("{\"event_id\":\"dup-1\",\"trace_id\":\"trace-dup\"}");
        BucketFixture.Answer second = bucket.writeAsExecutor("{\"event_id\":\"dup-1\",\"trace_id\":\"trace-dup\"}");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("success").asBoolean()).isTrue();
        assertThat(second.json().get("duplicate").asBoolean()).isTrue();
        assertThat(second.json().get("message").asText()).isEqualTo("Duplicate event ignored");
        assertThat(second.json().get("seq").asLong()).isEqualTo(first.json().get("seq").asLong());
        assertThat(bucket.get("/core/events?trace_id=trace-dup", null).json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void anotherIdentitysEventIdNeverMakesAWriteADuplicate() {
        // bhiv_core writes first, with the id the executor will use (it can read it from the executor).
        BucketFixture.Answer forged = bucket.post("/core/write-event", BucketFixture.CORE,
                "{\"requester_id\":\"bhiv_core\",\"event_data\":{\"event_id\":\"ev-shared\","
                        + "\"trace_id\":\"trace-shared\",\"status\":\"failed\"}}");
        BucketFixture.Answer real = bucket.writeAsExecutor(
                "{\"event_id\":\"ev-shared\",\"trace_id\":\"trace-shared\",\"status\":\"success\"}");
        BucketFixture.Answer redelivered = bucket.writeAsExecutor(
                "{\"event_id\":\"ev-shared\",\"trace_id\":\"trace-shared\",\"status\":\"success\"}");

        assertThat(forged.json().has("duplicate")).isFalse();
        assertThat(real.status()).isEqualTo(200);
        assertThat(real.json().has("duplicate")).as(real.text()).isFalse();
        assertThat(real.json().get("message").asText()).isEqualTo("Event received");
        assertThat(redelivered.json().get("duplicate").asBoolean()).isTrue();
        assertThat(redelivered.json().get("seq").asLong()).isEqualTo(real.json().get("seq").asLong());
        JsonNode byExecutor = bucket.get("/core/events?trace_id=trace-shared&requester_id=workflow_executor", null).json();
        assertThat(byExecutor.get("count").asInt()).isEqualTo(1);
        assertThat(byExecutor.at("/events/0/status").asText()).isEqualTo("success");
        assertThat(bucket.get("/core/events?trace_id=trace-shared", null).json().get("count").asInt()).isEqualTo(2);
    }

    @Test
    void nullEventIdOrEventTypeIsRefusedNamingTheField() {
        BucketFixture.Answer answer = bucket.writeAsExecutor("{\"event_id\":null,\"event_type\":null,\"trace_id\":\"t-null\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.text()).contains("event_data.event_id").contains("event_data.event_type");
        assertThat(bucket.get("/core/events?trace_id=t-null", null).json().get("count").asInt()).isZero();
    }

    @Test
    void eventsAreFilteredAndTheLastNAreShownOldestFirst() {
        for (int i = 0; i < 3; i++) {
            bucket.writeAsExecutor("{\"trace_id\":\"trace-many\",\"event_type\":\"step\",\"n\":" + i + "}");
        }
        bucket.post("/core/write-event", BucketFixture.CORE,
                "{\"requester_id\":\"bhiv_core\",\"event_data\":{\"trace_id\":\"trace-many\",\"event_type\":\"agent_result\"}}");

        JsonNode page = bucket.get("/core/events?trace_id=trace-many&event_type=step&limit=2", null).json();
        assertThat(page.get("count").asInt()).isEqualTo(3);
        assertThat(page.get("showing").asInt()).isEqualTo(2);
        assertThat(page.at("/events/0/n").asInt()).isEqualTo(1);
        assertThat(page.at("/events/1/n").asInt()).isEqualTo(2);
        JsonNode byCore = bucket.get("/core/events?trace_id=trace-many&requester_id=bhiv_core", null).json();
        assertThat(byCore.get("count").asInt()).isEqualTo(1);
        assertThat(byCore.at("/events/0/event_type").asText()).isEqualTo("agent_result");
    }

    @Test
    void limitOutsideOneToThousandIs422NamingLimit() {
        for (String limit : new String[] {"0", "1001", "ten"}) {
            BucketFixture.Answer answer = bucket.get("/core/events?limit=" + limit, null);
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void invalidBodiesNameTheirFields() {
        BucketFixture.Answer noData = bucket.post("/core/write-event", BucketFixture.EXECUTOR, "{\"requester_id\":\"workflow_executor\"}");
        assertThat(noData.status()).isEqualTo(422);
        assertThat(noData.json().at("/errors/0/field").asText()).isEqualTo("event_data");

        BucketFixture.Answer badId = bucket.writeAsExecutor("{\"event_id\":42,\"trace_id\":[]}");
        assertThat(badId.status()).isEqualTo(422);
        assertThat(badId.text()).contains("event_data.event_id").contains("event_data.trace_id");

        BucketFixture.Answer tooBig = bucket.writeAsExecutor("{\"blob\":\"" + "x".repeat(3000) + "\"}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().at("/errors/0/field").asText()).isEqualTo("event_data");

        BucketFixture.Answer notJson = bucket.post("/core/write-event", BucketFixture.EXECUTOR, "{\"requester_id\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error_code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void storedEventsCannotBeChangedOrDeleted() {
        BucketFixture.Answer delete = bucket.call(Method.DELETE, "/core/events", BucketFixture.OPERATOR, null);
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.allow()).isEqualTo("GET");
        assertThat(delete.json().get("error_code").asText()).isEqualTo("method_not_allowed");
        BucketFixture.Answer put = bucket.call(Method.PUT, "/core/events/1", BucketFixture.CORE, "{}");
        assertThat(put.status()).isEqualTo(405);
        BucketFixture.Answer unknown = bucket.get("/core/nothing-here", BucketFixture.CORE);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void readContextSummarisesAnAgentsEvents() {
        bucket.post("/core/write-event", BucketFixture.CORE,
                "{\"requester_id\":\"bhiv_core\",\"event_data\":{\"event_type\":\"agent_result\",\"agent_id\":\"edumentor\"}}");

        JsonNode known = bucket.get("/core/read-context?agent_id=edumentor&requester_id=bhiv_core", BucketFixture.CORE).json();
        assertThat(known.at("/context/event_count").asInt()).isEqualTo(1);
        assertThat(known.at("/context/event_types/agent_result").asInt()).isEqualTo(1);
        assertThat(known.at("/context/recent_events/0/agent_id").asText()).isEqualTo("edumentor");
        JsonNode unknown = bucket.get("/core/read-context?agent_id=nobody", BucketFixture.CORE).json();
        assertThat(unknown.get("success").asBoolean()).isTrue();
        assertThat(unknown.get("context").isNull()).isTrue();
        BucketFixture.Answer missing = bucket.get("/core/read-context", BucketFixture.CORE);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().at("/errors/0/field").asText()).isEqualTo("agent_id");
    }

    @Test
    void injectedFaultsSlowAndFailWritesUntilCleared() {
        BucketFixture.Answer invalid = bucket.post("/admin/faults", BucketFixture.OPERATOR,
                "{\"delay_ms\":-1,\"fail_status\":200,\"fail_rate\":2}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.text()).contains("delay_ms").contains("fail_status").contains("fail_rate");

        BucketFixture.Answer set = bucket.post("/admin/faults", BucketFixture.OPERATOR,
                "{\"delay_ms\":200,\"fail_status\":503,\"fail_rate\":1}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().at("/faults/fail_status").asInt()).isEqualTo(503);
        long started = System.nanoTime();
        BucketFixture.Answer failed = bucket.writeAsExecutor("{\"trace_id\":\"trace-fault\"}");
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().get("error_code").asText()).isEqualTo("injected_fault");
        assertThat(tookMs).isGreaterThanOrEqualTo(200);

        assertThat(bucket.call(Method.DELETE, "/admin/faults", BucketFixture.OPERATOR, null).status()).isEqualTo(200);
        assertThat(bucket.writeAsExecutor("{\"trace_id\":\"trace-fault\"}").status()).isEqualTo(200);
        assertThat(bucket.get("/core/events?trace_id=trace-fault", null).json().get("count").asInt()).isEqualTo(1);
    }

    @Test
    void fullStoreRefusesWithStorageFullInsteadOfEvicting() {
        try (BucketFixture small = BucketFixture.start(Map.of("bucket.max-events", "2"))) {
            assertThat(small.writeAsExecutor("{\"n\":1}").status()).isEqualTo(200);
            assertThat(small.writeAsExecutor("{\"n\":2}").status()).isEqualTo(200);
            BucketFixture.Answer full = small.writeAsExecutor("{\"n\":3}");
            assertThat(full.status()).isEqualTo(507);
            assertThat(full.json().get("error_code").asText()).isEqualTo("storage_full");
            assertThat(small.get("/core/events", null).json().at("/events/0/n").asInt()).isEqualTo(1);
        }
    }
}
