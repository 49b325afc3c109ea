package org.bhiv.prana;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Json;
import org.bhiv.server.testing.ServiceFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bucket's validation is the oracle for the packet builder: the packets PRANA's real wiring
 * sends (written byte for byte by {@code src/test/js/write-packets.js} earlier in this build)
 * are POSTed as a browser would, without a token, to a real Bucket stand-in, which accepts and
 * stores every one unchanged; a packet with one field tampered is refused, naming that field.
 */
class PranaPacketsAcceptedByBucketTest {

    private static final List<String> STATES = List.of("ON_TASK", "THINKING", "IDLE", "DISTRACTED", "AWAY", "OFF_TASK", "DEEP_FOCUS");

    private static Bucket bucket;
    private static List<String> bodies;

    /** A real Bucket on a random port, with the stack's tokens. */
    private static final class Bucket extends ServiceFixture {
        Bucket() {
            super(startWithTokens(org.bhiv.bucket.Main::start, Map.of()));
        }
    }

    @BeforeAll
    static void start() throws IOException {
        Path packets = Path.of(System.getProperty("prana.packets", "target/prana-packets.jsonl"));
        assertThat(packets).as("the packets written by src/test/js/write-packets.js (Maven execution 'prana-packets')").isRegularFile();
        bodies = Files.readAllLines(packets).stream().filter(line -> !line.isBlank()).toList();
        assertThat(bodies).hasSizeGreaterThan(20);
        bucket = new Bucket();
    }

    @AfterAll
    static void stop() {
        bucket.close();
    }

    @Test
    void everyPacketThePageSendsIsReceivedAndStoredAsSent() throws IOException {
        for (String body : bodies) {
            ServiceFixture.Answer answer = bucket.post("/bucket/prana/ingest", null, body);
            assertThat(answer.status()).as(body).isEqualTo(200);
            assertThat(answer.json().get("success").asBoolean()).isTrue();
            assertThat(answer.json().get("message").asText()).isEqualTo("Packet received");
        }

        JsonNode stored = bucket.get("/bucket/prana/packets?limit=1000", ServiceFixture.OPERATOR).json();
        assertThat(stored.get("count").asInt()).isEqualTo(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            ObjectNode packet = ((ObjectNode) stored.get("packets").get(i)).deepCopy();
            assertThat(packet.remove("received_at")).isNotNull();
            assertThat(packet).isEqualTo(Json.mapper().readTree(bodies.get(i)));
        }
        JsonNode stats = bucket.get("/bucket/prana/stats", ServiceFixture.OPERATOR).json().get("stats");
        assertThat(fieldNames(stats.get("by_cognitive_state"))).containsExactlyInAnyOrderElementsOf(STATES);
        assertThat(fieldNames(stats.get("by_system_type"))).containsExactlyInAnyOrder("gurukul", "ems");
        assertThat(stats.get("users_tracked").asInt()).isEqualTo(2);
        System.out.printf("PRANA packets accepted by Bucket: %d of %d (%s)%n", stats.get("packets_received").asInt(),
                bodies.size(), stats.get("by_cognitive_state"));
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                tampered("focus_score", p -> p.put("focus_score", 101)),
                tampered("focus_score", p -> p.put("focus_score", -1)),
                tampered("focus_score", p -> p.put("focus_score", "75")),
                tampered("active_seconds", p -> p.put("active_seconds", -0.1)),
                tampered("idle_seconds", p -> p.put("idle_seconds", "0")),
                tampered("away_seconds", p -> p.remove("away_seconds")),
                tampered("cognitive_state", p -> p.put("cognitive_state", " ")),
                tampered("cognitive_state", p -> p.remove("cognitive_state")),
                tampered("system_type", p -> p.put("system_type", "school")),
                tampered("role", p -> p.put("role", "teacher")),
                tampered("timestamp", p -> p.put("timestamp", p.get("timestamp").asText().replace("Z", ""))),
                tampered("user_id", p -> p.remove("user_id")),
                tampered("session_id", p -> p.put("session_id", "s".repeat(257))),
                tampered("lesson_id", p -> p.put("lesson_id", "")),
                tampered("task_id", p -> p.put("task_id", 4711)),
                tampered("raw_signals", p -> p.putArray("raw_signals")));
    }

    private static Arguments tampered(String field, Consumer<ObjectNode> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void aPacketWithOneFieldTamperedIsRefusedNamingIt(String field, Consumer<ObjectNode> change) throws IOException {
        long receivedBefore = received();
        for (String body : List.of(bodies.getFirst(), bodies.getLast())) {
            ObjectNode packet = (ObjectNode) Json.mapper().readTree(body);
            change.accept(packet);

            ServiceFixture.Answer answer = bucket.post("/bucket/prana/ingest", null, Json.mapper().writeValueAsString(packet));

            assertThat(answer.status()).as(answer.text()).isEqualTo(422);
            assertThat(answer.json().get("error_code").asText()).isEqualTo("invalid_packet");
            assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactly(field);
        }
        assertThat(received()).isEqualTo(receivedBefore);
    }

    private static long received() {
        return bucket.get("/bucket/prana/stats", ServiceFixture.OPERATOR).json().at("/stats/packets_received").asLong();
    }

    private static List<String> fieldNames(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }
}
