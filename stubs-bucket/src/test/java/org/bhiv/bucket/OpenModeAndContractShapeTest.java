package org.bhiv.bucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Configs;
import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor's event exactly as section 4 sends it, the full health shape, concurrent writers,
 * and the open sandbox mode where the body's requester_id is believed.
 */
class OpenModeAndContractShapeTest {

    private static final String EXECUTOR_EVENT = """
            {"requester_id":"workflow_executor",
             "event_data":{"event_id":"trace-42:bucket","event_type":"workflow_execution","trace_id":"trace-42",
                           "action_type":"email","status":"success","product":"gurukul","user_id":"u-7",
                           "execution_result":{"message":{"redacted":true,"sha256":"ab","length":12},
                                               "recipient":"a***@example.com"},
                           "duration_ms":12.5,"timestamp":"2026-01-31T10:15:30.123Z"}}""";

    @Test
    void executorsEventIsStoredAsSentAndReadableByTrace() {
        try (BucketFixture bucket = BucketFixture.start(Map.of())) {
            BucketFixture.Answer answer = bucket.post("/core/write-event", BucketFixture.EXECUTOR, EXECUTOR_EVENT);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("seq").asLong()).isEqualTo(1);

            JsonNode stored = bucket.get("/core/events?trace_id=trace-42&event_type=workflow_execution", null)
                    .json().at("/events/0");
            assertThat(stored.get("requester_id").asText()).isEqualTo("workflow_executor");
            assertThat(stored.get("duration_ms").asDouble()).isEqualTo(12.5);
            assertThat(stored.at("/execution_result/message/redacted").asBoolean()).isTrue();
            assertThat(stored.get("timestamp").asText()).isEqualTo("2026-01-31T10:15:30.123Z");
            assertThat(bucket.post("/core/write-event", BucketFixture.EXECUTOR, EXECUTOR_EVENT).json()
                    .get("duplicate").asBoolean()).isTrue();
        }
    }

    @Test
    void healthHasTheContractsFullShape() {
        try (BucketFixture bucket = BucketFixture.start(Map.of())) {
            bucket.post("/core/write-event", BucketFixture.CORE,
                    "{\"requester_id\":\"bhiv_core\",\"event_data\":{\"event_type\":\"agent_result\",\"agent_id\":\"a1\"}}");
            JsonNode health = bucket.get("/health", null).json();
            assertThat(health.get("status").asText()).isEqualTo("healthy");
            assertThat(health.get("bucket_version").asText()).isEqualTo("1.0.0");
            assertThat(health.get("auth").asText()).isEqualTo("tokens");
            assertThat(health.at("/core_integration/status").asText()).isEqualTo("active");
            assertThat(health.at("/core_integration/events_received").asLong()).isEqualTo(1);
            assertThat(health.at("/core_integration/agents_tracked").asLong()).isEqualTo(1);
            assertThat(health.at("/prana_telemetry/packets_received").asLong()).isZero();
            assertThat(health.at("/governance/gate_active").asBoolean()).isTrue();
            assertThat(health.at("/governance/constitutional_governance").asText()).isEqualTo("active");
            assertThat(health.at("/governance/audit_chain/length").asLong()).isEqualTo(1);
            assertThat(health.at("/governance/audit_chain/head_hash").asText()).hasSize(64);
            assertThat(health.at("/governance/audit_chain/valid").asBoolean()).isTrue();
        }
    }

    @Test
    void concurrentWritersProduceOneUnbrokenChain() throws Exception {
        try (BucketFixture bucket = BucketFixture.start(Map.of());
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                writes.add(CompletableFuture.supplyAsync(
                        () -> bucket.writeAsExecutor("{\"event_id\":\"c-" + n + "\",\"n\":" + n + "}").status(), pool));
            }
            for (var write : writes) {
                assertThat(write.get()).isEqualTo(200);
            }
            JsonNode verdict = bucket.get("/core/audit/verify", null).json();
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("length").asInt()).isEqualTo(80);
        }
    }

    @Test
    void openModeBelievesTheClaimedRequesterButKeepsTheAllowList() throws Exception {
        WebServer server = Main.start(Configs.create(Map.of("server.port", "0", "logging.file", "")));
        try {
            WebClient client = WebClient.builder().baseUri("http://localhost:" + server.port()).build();
            try (HttpClientResponse ok = client.post("/core/write-event").header(HeaderNames.CONTENT_TYPE, "application/json").submit(
                    "{\"requester_id\":\"bhiv_core\",\"event_data\":{\"trace_id\":\"open-1\"}}")) {
                assertThat(ok.status().code()).isEqualTo(200);
            }
            try (HttpClientResponse refused = client.post("/core/write-event").header(HeaderNames.CONTENT_TYPE, "application/json").submit(
                    "{\"requester_id\":\"intruder\",\"event_data\":{}}")) {
                assertThat(refused.status().code()).isEqualTo(403);
                assertThat(Json.mapper().readTree(refused.as(String.class)).get("message").asText())
                        .isEqualTo("Unauthorized requester");
            }
            try (HttpClientResponse events = client.get("/core/events").queryParam("trace_id", "open-1").request()) {
                JsonNode stored = Json.mapper().readTree(events.as(String.class)).at("/events/0");
                assertThat(stored.get("requester_id").asText()).isEqualTo("bhiv_core");
            }
            try (HttpClientResponse health = client.get("/health").request()) {
                assertThat(Json.mapper().readTree(health.as(String.class)).get("auth").asText()).isEqualTo("open");
            }
        } finally {
            server.stop();
        }
    }
}
