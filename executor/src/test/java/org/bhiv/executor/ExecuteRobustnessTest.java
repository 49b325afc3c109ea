package org.bhiv.executor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.bhiv.server.testing.LogCapture;
import org.bhiv.server.testing.RawHttp;
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

    /**
     * The same promise on the wire: an email request (recipient and body are secrets) sent with
     * broken chunked framing, cut short, too large, or followed by a pipelined request, on keep-alive
     * and {@code Connection: close} connections. Never a 5xx, nothing after the error is parsed as
     * a request, and no byte of the body in any log line at any level.
     */
    @Test
    void brokenFramingAndReusedConnectionsGetNo5xxAndNoBodyInAnyLog() throws Exception {
        String secret = "HOSTILE-SECRET-51c9";
        String body = "{\"trace_id\":\"frame-1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"email\",\"recipient\":\"" + secret + "@example.com\","
                + "\"subject\":\"s\",\"body\":\"" + secret + "\"}}}";
        String hex = Integer.toHexString(body.length());
        String next = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
        List<String> framings = List.of("zz\r\n" + body + "\r\n0\r\n\r\n", "-1\r\n" + body + "\r\n0\r\n\r\n",
                "ffffffffffffffff\r\n" + body + "\r\n0\r\n\r\n", hex + ";name=value\r\n" + body + "\r\n0\r\n\r\n",
                hex + "\n" + body + "\n0\n\n", Integer.toHexString(body.length() + 9) + "\r\n" + body + "\r\n0\r\n\r\n",
                body + "\r\n0\r\n\r\n");
        int exchanges = 0;
        List<Integer> statuses = new java.util.ArrayList<>();
        try (LogCapture logs = LogCapture.start()) {
            for (String framing : framings) {
                for (boolean close : new boolean[] {false, true}) {
                    statuses.addAll(exchange(executor.port(), "Transfer-Encoding: chunked", close, framing + next));
                    exchanges++;
                }
            }
            String large = body.replace("\"s\"", "\"" + "l".repeat(70_000) + "\"");
            for (boolean close : new boolean[] {false, true}) {
                statuses.addAll(exchange(executor.port(), "Content-Length: " + large.length(), close, large + next));
                statuses.addAll(exchange(executor.port(), "Content-Length: " + body.length(), close, body + next));
                exchanges += 2;
            }
            assertThat(statuses).as("statuses").allSatisfy(status -> assertThat(status).isBetween(200, 499));
            assertThat(logs.linesContaining(secret)).as("log lines with body text").isEmpty();
        }
        System.out.println("hostile framing: " + exchanges + " connections, statuses " + statuses + ", 0 5xx");
    }

    /** @return the statuses the server wrote; a connection with an error must end right after it */
    private static List<Integer> exchange(int port, String framingHeader, boolean close, String rest) throws Exception {
        try (RawHttp http = RawHttp.open(port)) {
            RawHttp.Exchange exchange = http.send("POST /api/workflow/execute HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\n" + (close ? "Connection: close\r\n" : "") + framingHeader
                    + "\r\n\r\n" + rest).endOfInput().readUntilClosed(5000);
            List<Integer> statuses = exchange.responses().stream().map(RawHttp.Response::status).toList();
            assertThat(statuses).as("something was answered").isNotEmpty();
            if (close || statuses.getFirst() >= 400) {
                assertThat(statuses).as("nothing after the first answer").hasSize(1);
                assertThat(exchange.closed()).isTrue();
            }
            return statuses;
        }
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
