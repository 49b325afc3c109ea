package org.bhiv.bucket;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PRANA packets: every field validated, every invalid field named, valid packets readable.
 */
class PranaIngestTest {

    private static final String VALID = """
            {"user_id":"learner-1","session_id":"s-1","lesson_id":"l-1","system_type":"gurukul",
             "role":"student","timestamp":"2026-01-31T10:15:30Z","cognitive_state":"DEEP_FOCUS",
             "active_seconds":4.5,"idle_seconds":0.5,"away_seconds":0,"focus_score":92,
             "raw_signals":{"keystrokes":12}}""";

    private static BucketFixture bucket;

    @BeforeAll
    static void start() {
        bucket = BucketFixture.start(Map.of());
    }

    @AfterAll
    static void stop() {
        bucket.close();
    }

    @Test
    void validPacketIsReceivedAndReadBackWithFilters() {
        BucketFixture.Answer answer = bucket.post("/bucket/prana/ingest", null, VALID);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("message").asText()).isEqualTo("Packet received");

        JsonNode packets = bucket.get("/bucket/prana/packets?user_id=learner-1&system_type=gurukul", null).json();
        assertThat(packets.get("count").asInt()).isEqualTo(1);
        assertThat(packets.at("/packets/0/focus_score").asInt()).isEqualTo(92);
        assertThat(bucket.get("/bucket/prana/packets?system_type=ems", null).json().get("count").asInt()).isZero();
        JsonNode stats = bucket.get("/bucket/prana/stats", null).json().get("stats");
        assertThat(stats.get("packets_received").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.at("/by_system_type/gurukul").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(bucket.get("/health", null).json().at("/prana_telemetry/users_tracked").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void everyInvalidFieldIsNamedInOne422() {
        String invalid = """
                {"session_id":"","system_type":"school","role":"teacher","timestamp":"yesterday",
                 "cognitive_state":"FOCUSED","active_seconds":-1,"idle_seconds":"2","away_seconds":0,
                 "focus_score":101,"raw_signals":[1]}""";

        BucketFixture.Answer answer = bucket.post("/bucket/prana/ingest", null, invalid);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("error_code").asText()).isEqualTo("invalid_packet");
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "user_id", "session_id", "system_type", "role", "timestamp", "active_seconds", "idle_seconds",
                "focus_score", "raw_signals");
    }

    @Test
    void unknownSystemTypeFilterIs422() {
        BucketFixture.Answer answer = bucket.get("/bucket/prana/packets?system_type=school", null);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("system_type");
    }

    @Test
    void bodyOverTheLimitIs413() {
        try (BucketFixture small = BucketFixture.start(Map.of("bucket.max-body-bytes", "100", "bucket.max-event-bytes", "50"))) {
            BucketFixture.Answer answer = small.post("/bucket/prana/ingest", null, VALID);
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.json().get("error_code").asText()).isEqualTo("payload_too_large");
        }
    }
}
