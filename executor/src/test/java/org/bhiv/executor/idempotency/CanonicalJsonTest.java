package org.bhiv.executor.idempotency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

class CanonicalJsonTest {

    @Test
    void membersAreSortedAndWhitespaceIsDropped() throws Exception {
        JsonNode body = Json.mapper().readTree("""
                { "trace_id" : "t-1",
                  "decision": "workflow",
                  "data": {"payload": {"b": [3, 1, {"z": null, "a": true}], "a": "x y"}, "workflow_type": "workflow"} }
                """);

        assertThat(CanonicalJson.of(body)).isEqualTo(
                "{\"data\":{\"payload\":{\"a\":\"x y\",\"b\":[3,1,{\"a\":true,\"z\":null}]},"
                        + "\"workflow_type\":\"workflow\"},\"decision\":\"workflow\",\"trace_id\":\"t-1\"}");
    }

    @Test
    void stringsAreEscapedTheSameWayWhateverTheInputEscaping() throws Exception {
        JsonNode escaped = Json.mapper().readTree("{\"m\": \"caf\\u00e9 \\\"q\\\" \\n\"}");
        JsonNode literal = Json.mapper().readTree("{\"m\": \"café \\\"q\\\" \\u000a\"}");

        assertThat(CanonicalJson.of(escaped)).isEqualTo("{\"m\":\"café \\\"q\\\" \\n\"}")
                .isEqualTo(CanonicalJson.of(literal));
    }

    @Test
    void sortingUsesUtf16CodeUnitsLikeRfc8785() throws Exception {
        JsonNode body = Json.mapper().readTree("{\"b\":1,\"B\":2,\"é\":3,\"a\":4,\"\":5}");

        assertThat(CanonicalJson.of(body)).isEqualTo("{\"\":5,\"B\":2,\"a\":4,\"b\":1,\"é\":3}");
    }

    @Test
    void fingerprintIsSha256HexOfTheCanonicalText() throws Exception {
        // sha256("{}") is well known
        assertThat(CanonicalJson.fingerprint(Json.mapper().readTree(" { } ")))
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void differentValuesGiveDifferentFingerprints() throws Exception {
        String a = CanonicalJson.fingerprint(Json.mapper().readTree("{\"trace_id\":\"t\",\"n\":1}"));
        String b = CanonicalJson.fingerprint(Json.mapper().readTree("{\"trace_id\":\"t\",\"n\":2}"));
        String arrayOrder = CanonicalJson.fingerprint(Json.mapper().readTree("{\"a\":[1,2]}"));
        String arrayReordered = CanonicalJson.fingerprint(Json.mapper().readTree("{\"a\":[2,1]}"));

        assertThat(a).hasSize(64).matches("[0-9a-f]{64}").isNotEqualTo(b);
        assertThat(arrayOrder).isNotEqualTo(arrayReordered);
    }

    @Test
    void memberOrderNeverChangesTheFingerprint() {
        qt().withExamples(200)
                .forAll(maps().of(strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 8), integers().all()).ofSizeBetween(0, 12),
                        integers().all())
                .checkAssert((members, seed) -> {
                    List<Map.Entry<String, Integer>> shuffled = new ArrayList<>(members.entrySet());
                    Collections.shuffle(shuffled, new Random(seed));
                    ObjectNode original = Json.mapper().createObjectNode();
                    members.forEach(original::put);
                    ObjectNode reordered = Json.mapper().createObjectNode();
                    shuffled.forEach(e -> reordered.put(e.getKey(), e.getValue()));

                    assertThat(CanonicalJson.fingerprint(reordered)).isEqualTo(CanonicalJson.fingerprint(original));
                });
    }

    @Test
    void canonicalTextParsesBackToTheSameValue() {
        qt().withExamples(200)
                .forAll(maps().of(strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 8),
                        strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, 16)).ofSizeBetween(0, 8))
                .checkAssert(members -> {
                    ObjectNode node = Json.mapper().createObjectNode();
                    members.forEach(node::put);
                    try {
                        assertThat(Json.mapper().readTree(CanonicalJson.of(node))).isEqualTo(node);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }
}
