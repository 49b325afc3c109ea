package org.bhiv.executor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * Property: whatever bytes arrive (random, truncated, deeply nested, huge, wrongly typed,
 * not UTF-8), the executor answers a 200 envelope or a 4xx problem, never a 5xx, and keeps
 * answering.
 */
class ExecuteRobustnessTest {

    private static final String VALID = "{\"trace_id\":\"p-1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":"
            + "\"workflow\",\"payload\":{\"action_type\":\"task\",\"title\":\"T\",\"description\":\"d\"}}}";
    private static final List<String> VALUES = List.of("null", "true", "0", "-1.5e308", "\"\"", "\"x\"", "[]", "{}",
            "[\"workflow\"]", "{\"a\":{}}", "\"\\u0000\"", "\"\\n\"", "1e999999", "\"" + "z".repeat(300) + "\"");
    private static final List<String> KEYS = List.of("trace_id", "decision", "data", "workflow_type", "payload",
            "action_type", "title", "recipient", "message", "prompt", "subject", "body");

    private static TestExecutor executor;

    @BeforeAll
    static void start() {
        executor = TestExecutor.start(Map.of("executor.max-body-size", "65536"));
    }

    @AfterAll
    static void stop() {
        executor.close();
    }

    @Test
    void anyBodyGetsAnEnvelopeOrAProblemAndNeverA5xx() {
        qt().withExamples(300).withShrinkCycles(20).forAll(bodies()).checkAssert(body -> {
            var answer = executor.send("POST", "/api/workflow/execute", "application/json", body);
            assertThat(answer.status()).as(answer.text()).isLessThan(500).isIn(200, 400, 413, 415, 422);
            if (answer.status() == 200) {
                assertThat(answer.contentType()).startsWith("application/json");
                assertThat(answer.json().path("status").asText()).isIn("success", "failed", "skipped");
            } else {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().path("detail").asText()).isEqualTo(answer.json().path("error_code").asText());
            }
        });

        // a fresh trace_id: the loop may have used p-1 (the idempotency key) for another valid body
        var after = executor.execute(VALID.replace("p-1", "p-after"));
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().path("status").asText()).isEqualTo("success");
    }

    private static Gen<byte[]> bodies() {
        return Generate.oneOf(randomBytes(), truncated(), nested(), huge(), wronglyTyped(), jsonish())
                .describedAs(b -> new String(b, StandardCharsets.ISO_8859_1));
    }

    private static Gen<byte[]> randomBytes() {
        return Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static Gen<byte[]> truncated() {
        return integers().between(0, VALID.length()).map(n -> VALID.substring(0, n).getBytes(StandardCharsets.UTF_8));
    }

    private static Gen<byte[]> nested() {
        return integers().between(1, 400).zip(Generate.booleans(), (depth, arrays) -> {
            String open = arrays ? "[" : "{\"a\":";
            String close = arrays ? "]" : "}";
            String deep = open.repeat(depth) + "1" + close.repeat(depth);
            return VALID.replace("\"d\"", deep).getBytes(StandardCharsets.UTF_8);
        });
    }

    private static Gen<byte[]> huge() {
        return integers().between(60_000, 200_000).map(n ->
                VALID.replace("\"T\"", "\"" + "h".repeat(n) + "\"").getBytes(StandardCharsets.UTF_8));
    }

    private static Gen<byte[]> wronglyTyped() {
        return Generate.pick(KEYS).zip(Generate.pick(VALUES), (key, value) ->
                VALID.replaceFirst("\"" + key + "\":(\"[^\"]*\"|\\{)", "\"" + key + "\":" + value
                        + (VALID.contains("\"" + key + "\":{") ? ",\"_x\":{" : ""))
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static Gen<byte[]> jsonish() {
        List<String> tokens = List.of("{", "}", "[", "]", ",", ":", "\"trace_id\"", "\"decision\"", "\"workflow\"",
                "\"data\"", "\"payload\"", "1", "null", "\"\\ud800\"", "\u00ff", "\"\u00e9\"");
        return Generate.intArrays(integers().between(0, 40), integers().between(0, tokens.size() - 1))
                .zip(strings().allPossible().ofLengthBetween(0, 5), (picks, noise) -> {
                    var sb = new StringBuilder();
                    for (int p : picks) {
                        sb.append(tokens.get(p));
                    }
                    return (sb + noise).getBytes(StandardCharsets.UTF_8);
                });
    }
}
