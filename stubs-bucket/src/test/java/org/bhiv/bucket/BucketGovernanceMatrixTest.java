package org.bhiv.bucket;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every identity against every Bucket operation, on a real server with tokens configured.
 * Columns: bhiv_core, workflow_executor, unified_action_orchestrator, operator, no token, wrong token.
 */
class BucketGovernanceMatrixTest {

    private static final String PACKET = """
            {"user_id":"u1","session_id":"s1","system_type":"gurukul","role":"student",
             "timestamp":"2026-01-31T10:15:30Z","cognitive_state":"FOCUSED","active_seconds":4,
             "idle_seconds":1,"away_seconds":0,"focus_score":80,"raw_signals":{}}""";

    private static BucketFixture bucket;

    @BeforeAll
    static void start() {
        bucket = BucketFixture.start(Map.of());
    }

    @AfterAll
    static void stop() {
        bucket.close();
    }

    /** Operation, then the expected status per identity column. */
    static Stream<Arguments> matrix() {
        Object[][] table = {
                {"POST /core/write-event", new int[] {200, 200, 200, 403, 401, 401}},
                {"GET /core/events", new int[] {200, 403, 403, 200, 200, 401}},
                {"GET /core/stats", new int[] {200, 403, 403, 200, 200, 401}},
                {"GET /core/audit/verify", new int[] {200, 403, 403, 200, 200, 401}},
                {"GET /core/read-context?agent_id=agent-1", new int[] {200, 403, 403, 403, 401, 401}},
                {"PUT /core/events", new int[] {405, 405, 405, 405, 405, 405}},
                {"DELETE /core/write-event", new int[] {405, 405, 405, 405, 405, 405}},
                {"PATCH /core/audit/verify", new int[] {405, 405, 405, 405, 405, 405}},
                {"POST /bucket/prana/ingest", new int[] {200, 200, 200, 200, 200, 401}},
                {"GET /bucket/prana/packets", new int[] {200, 403, 403, 200, 200, 401}},
                {"GET /bucket/prana/stats", new int[] {200, 403, 403, 200, 200, 401}},
                {"POST /admin/faults", new int[] {403, 403, 403, 200, 401, 401}},
                {"DELETE /admin/faults", new int[] {403, 403, 403, 200, 401, 401}},
                {"GET /health", new int[] {200, 200, 200, 200, 200, 200}},
        };
        return BucketFixture.governanceCases(table).stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("matrix")
    void everyIdentityGetsTheStatusTheGovernanceMatrixSays(String operation, String who, String token, int expected) {
        String[] parts = operation.split(" ", 2);
        Method method = Method.create(parts[0]);
        String body = switch (parts[1]) {
            case "/core/write-event" -> method == Method.POST ? writeBody(who) : null;
            case "/bucket/prana/ingest" -> PACKET;
            case "/admin/faults" -> method == Method.POST ? "{}" : null;
            default -> null;
        };
        BucketFixture.Answer answer = bucket.call(method, parts[1], token, body);

        assertThat(answer.status()).as(operation + " as " + who + ": " + answer.text()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("status").asInt()).isEqualTo(expected);
            assertThat(answer.json().get("success").asBoolean()).isFalse();
        }
        if (expected == 401) {
            assertThat(answer.challenge()).isEqualTo("Bearer");
        }
        if (expected == 403 && parts[1].equals("/core/write-event")) {
            assertThat(answer.json().get("message").asText()).isEqualTo("Unauthorized requester");
        }
        if (expected == 200 && parts[1].equals("/core/write-event")) {
            assertThat(answer.json().get("success").asBoolean()).isTrue();
            assertThat(answer.json().get("message").asText()).isEqualTo("Event received");
        }
    }

    @Test
    void executorTokenCannotReadBucketEvents() {
        BucketFixture.Answer answer = bucket.get("/core/events", BucketFixture.EXECUTOR);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("error_code").asText()).isEqualTo("forbidden");
        assertThat(answer.json().get("title").asText()).contains("workflow_executor");
    }

    @Test
    void requesterIdThatDiffersFromTheTokenIsRefusedAndNothingIsStored() {
        long before = bucket.get("/core/stats", BucketFixture.CORE).json().at("/stats/events_received").asLong();

        BucketFixture.Answer answer = bucket.post("/core/write-event", BucketFixture.EXECUTOR,
                "{\"requester_id\":\"bhiv_core\",\"event_data\":{\"event_type\":\"forged\"}}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("success").asBoolean()).isFalse();
        assertThat(answer.json().get("message").asText()).isEqualTo("Unauthorized requester");
        assertThat(answer.json().get("error_code").asText()).isEqualTo("requester_mismatch");
        assertThat(bucket.get("/core/stats", BucketFixture.CORE).json().at("/stats/events_received").asLong())
                .isEqualTo(before);
    }

    @Test
    void anonymousReadCanBeTurnedOffWhileTokenReadersKeepReading() {
        try (BucketFixture closed = BucketFixture.start(Map.of("bucket.governance.allow-anonymous-read", "false"))) {
            BucketFixture.Answer anonymous = closed.get("/core/events", null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.challenge()).isEqualTo("Bearer");
            BucketFixture.Answer operator = closed.get("/core/events", BucketFixture.OPERATOR);
            assertThat(operator.status()).isEqualTo(200);
            assertThat(operator.json().get("count").asInt()).isZero();
            assertThat(closed.get("/health", null).json().at("/governance/anonymous_read").asBoolean()).isFalse();
        }
    }

    private static String writeBody(String who) {
        String requester = who.contains("token") ? "workflow_executor" : who;
        return "{\"requester_id\":\"" + requester + "\",\"event_data\":{\"event_id\":\"" + UUID.randomUUID()
                + "\",\"event_type\":\"matrix\",\"agent_id\":\"agent-1\"}}";
    }
}
