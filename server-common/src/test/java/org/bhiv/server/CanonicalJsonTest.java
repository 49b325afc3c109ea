package org.bhiv.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.maps;
import static org.quicktheories.generators.SourceDSL.strings;

/** Canonical JSON and the SHA-256 built on it; the pinned values must never change (Bucket's hash chain and the executor's fingerprints rest on them). */
class CanonicalJsonTest {

    private static String fingerprint(JsonNode body) {
        return Hashing.sha256Hex(CanonicalJson.of(body));
    }

    @Test
    void textIsPinnedForEscapesUnicodeNumbersAndNesting() throws Exception {
        JsonNode record = Json.mapper().readTree("{\"seq\":1,\"received_at\":\"2026-01-01T00:00:00Z\",\"requester_id\":\"bhiv_core\","
                + "\"s\":\"caf\\u00e9 \\\"q\\\" \\n\\t\\u0001 \\u2603 \\ud83d\\ude00 </script> \\u2028\","
                + "\"n\":[1,-2,3.5,1.0E10,12345678901234567890,0.1,1e-7,-0.0],"
                + "\"o\":{\"z\":null,\"a\":true,\"B\":false,\"\\u00e9\":{},\"e\":[]},"
                + "\"timestamp\":\"x\",\"prev_hash\":\"" + "0".repeat(64) + "\"}");

        assertThat(CanonicalJson.of(record)).isEqualTo("{\"n\":[1,-2,3.5,1.0E10,12345678901234567890,0.1,1.0E-7,-0.0],\"o\":{\"B\":false,\"a\":true,\"e\":[],\"z\":null,\"\u00e9\":{}},\"prev_hash\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"received_at\":\"2026-01-01T00:00:00Z\",\"requester_id\":\"bhiv_core\",\"s\":\"caf\u00e9 \\\"q\\\" \\n\\t\\u0001 \u2603 \ud83d\ude00 </script> \u2028\",\"seq\":1,\"timestamp\":\"x\"}");
    }

    @Test
    void sha256HexIsPinned() {
        assertThat(Hashing.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Hashing.sha256("abc")).hasSize(32);
    }

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
        assertThat(fingerprint(Json.mapper().readTree(" { } ")))
                .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    }

    @Test
    void differentValuesGiveDifferentFingerprints() throws Exception {
        String a = fingerprint(Json.mapper().readTree("{\"trace_id\":\"t\",\"n\":1}"));
        String b = fingerprint(Json.mapper().readTree("{\"trace_id\":\"t\",\"n\":2}"));
        String arrayOrder = fingerprint(Json.mapper().readTree("{\"a\":[1,2]}"));
        String arrayReordered = fingerprint(Json.mapper().readTree("{\"a\":[2,1]}"));

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

                    assertThat(fingerprint(reordered)).isEqualTo(fingerprint(original));
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
