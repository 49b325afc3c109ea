package org.bhiv.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.bhiv.server.edge.EdgeConfig;
import org.bhiv.server.testing.LogCapture;
import org.bhiv.server.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP edge every service shares, against a real server over raw sockets: malformed
 * framing is a 400 problem and never a 5xx, no byte of a request body reaches a log at any
 * level, a connection closes after {@code Connection: close} or an error that left the body
 * unread (nothing after it is parsed as a request), and slow heads, slow bodies and idle
 * connections are closed.
 */
class HttpEdgeTest {

    private static final String SECRET = "SECRET-BODY-7f3a";
    private static final String BODY = "{\"recipient\":\"" + SECRET + "@example.com\",\"body\":\"" + SECRET + "\"}";
    private static final String PING = "GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private static WebServer server;
    private LogCapture logs;

    @BeforeAll
    static void start() {
        server = Servers.start(Configs.create(Map.of("server.port", "0",
                        "server.edge.header-read-timeout", "PT1S", "server.edge.body-read-timeout", "PT1S",
                        "server.idle-connection-timeout", "PT2S", "server.idle-connection-period", "PT0.5S")),
                routing -> routing
                        .post("/echo", (req, res) -> {
                            JsonBodies.readObject(req, 1024);
                            Responses.json(res, 200, Map.of("ok", true));
                        })
                        .get("/ping", (req, res) -> res.send("pong")),
                List.of());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void capture() {
        logs = LogCapture.start();
    }

    @AfterEach
    void noBodyTextInAnyLogLine() {
        logs.close();
        assertThat(logs.linesContaining(SECRET)).as("log lines with request body text").isEmpty();
    }

    static List<Arguments> malformedChunkedBodies() {
        int n = BODY.length();
        return List.of(
                Arguments.of("size not hex", "zz\r\n" + BODY + "\r\n0\r\n\r\n"),
                Arguments.of("negative size", "-1\r\n" + BODY + "\r\n0\r\n\r\n"),
                Arguments.of("size overflows", "ffffffffffffffff\r\n" + BODY + "\r\n0\r\n\r\n"),
                Arguments.of("chunk extension", Integer.toHexString(n) + ";name=value\r\n" + BODY + "\r\n0\r\n\r\n"),
                Arguments.of("body as size line", BODY + "\r\n0\r\n\r\n"),
                Arguments.of("bad last chunk", Integer.toHexString(n) + "\r\n" + BODY + "\r\n0\r\nxx\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedChunkedBodies")
    void malformedChunkingIsA400ProblemAndNothingAfterItIsParsed(String name, String chunked) throws IOException {
        try (RawHttp http = RawHttp.open(server.port())) {
            RawHttp.Exchange exchange = http.send(chunkedPost(chunked, false) + PING).readUntilClosed(5000);

            print(name, exchange);
            assertThat(exchange.responses()).as("one answer, the pipelined GET is never parsed").hasSize(1);
            assertProblem(exchange.responses().getFirst(), 400, "malformed_framing");
            assertThat(exchange.closed()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedChunkedBodies")
    void aChunkedBodyCutShortIsA400WhenTheClientStopsSending(String name, String chunked) throws IOException {
        try (RawHttp http = RawHttp.open(server.port())) {
            RawHttp.Exchange exchange = http.send(chunkedPost(chunked, false)).endOfInput().readUntilClosed(5000);

            print(name, exchange);
            assertThat(exchange.responses()).hasSize(1);
            assertProblem(exchange.responses().getFirst(), 400, "malformed_framing");
        }
    }

    static List<Arguments> truncatedChunkedBodies() {
        int n = BODY.length();
        return List.of(
                Arguments.of("short chunk", Integer.toHexString(n + 40) + "\r\n" + BODY + "\r\n0\r\n\r\n"),
                Arguments.of("LF-only lines", Integer.toHexString(n) + "\n" + BODY + "\n0\n\n"),
                Arguments.of("no last chunk", Integer.toHexString(n) + "\r\n" + BODY + "\r\n"));
    }

    @Test
    void aSlowBrokenChunkedBodyIsClosedWithoutA5xx() throws IOException {
        // LF-only lines while the client keeps the connection open: the server waits for a CRLF
        // that never comes, until the body read timeout closes the connection.
        try (RawHttp http = RawHttp.open(server.port())) {
            RawHttp.Exchange exchange = http.send(chunkedPost(Integer.toHexString(BODY.length()) + "\n" + BODY + "\n0\n\n", false))
                    .readUntilClosed(10_000);

            print("LF-only, connection kept open", exchange);
            assertThat(exchange.closed()).isTrue();
            assertThat(exchange.responses()).allSatisfy(r -> assertThat(r.status()).isBetween(400, 499));
        }
    }

    @Test
    void aWellFormedChunkedBodyIsReadAndTheConnectionIsReused() throws IOException {
        String chunked = "a\r\n" + BODY.substring(0, 10) + "\r\n" + Integer.toHexString(BODY.length() - 10) + "\r\n"
                + BODY.substring(10) + "\r\n0\r\n\r\n";
        try (RawHttp http = RawHttp.open(server.port())) {
            RawHttp.Exchange exchange = http.send(chunkedPost(chunked, false) + PING).readUntilClosed(1500);

            assertThat(exchange.responses()).extracting(RawHttp.Response::status).containsExactly(200, 200);
            assertThat(exchange.closed()).as("keep-alive still works").isFalse();
        }
    }

    @Test
    void connectionCloseClosesAfterTheAnswerAndWhatFollowsIsNeverParsed() throws IOException {
        try (RawHttp http = RawHttp.open(server.port())) {
            RawHttp.Exchange exchange = http.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY + PING).readUntilClosed(5000);

            assertThat(exchange.responses()).extracting(RawHttp.Response::status).containsExactly(200);
            assertThat(exchange.closed()).isTrue();
        }
    }

    @Test
    void a413ClosesTheConnectionAndTheUnreadBodyIsNeverParsedAsARequest() throws IOException {
        String body = "{\"x\":\"" + SECRET + "\",\"pad\":\"" + "p".repeat(2000) + "\"}";
        String smuggled = "GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n";
        for (boolean close : new boolean[] {false, true}) {
            try (RawHttp http = RawHttp.open(server.port())) {
                RawHttp.Exchange exchange = http.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + (close ? "Connection: close\r\n" : "") + "Transfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(body.length() + smuggled.length()) + "\r\n" + body + smuggled + "\r\n0\r\n\r\n" + PING)
                        .readUntilClosed(5000);

                print("413, Connection: close " + close, exchange);
                assertThat(exchange.responses()).hasSize(1);
                assertProblem(exchange.responses().getFirst(), 413, "payload_too_large");
                assertThat(exchange.responses().getFirst().hasHeader("Connection", "close")).isTrue();
                assertThat(exchange.closed()).isTrue();
            }
        }
    }

    @Test
    void keepAliveRequestsKeepWorking() throws IOException {
        try (RawHttp http = RawHttp.open(server.port())) {
            RawHttp.Exchange exchange = http.send(PING + PING).readUntilClosed(1000);

            assertThat(exchange.responses()).extracting(RawHttp.Response::body).containsExactly("pong", "pong");
            assertThat(exchange.closed()).isFalse();
        }
    }

    @Test
    void aHeadThatNeverEndsIsClosed() throws IOException {
        try (RawHttp http = RawHttp.open(server.port())) {
            RawHttp.Exchange exchange = http.send("GET /ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n").readUntilClosed(10_000);

            System.out.println("partial head closed after " + exchange.millis() + " ms (header-read-timeout PT1S)");
            assertThat(exchange.closed()).isTrue();
            assertThat(exchange.responses()).allSatisfy(r -> assertThat(r.status()).isLessThan(500));
        }
    }

    @Test
    void aBodyDribbledByteByByteIsClosed() throws Exception {
        try (RawHttp http = RawHttp.open(server.port())) {
            http.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + BODY.length() + "\r\n\r\n");
            long start = System.nanoTime();
            RawHttp.Exchange exchange = null;
            int sent = 0;
            while (sent < BODY.length()) {
                http.send(BODY.substring(sent, sent + 1));
                sent++;
                exchange = http.readUntilClosed(300);
                if (exchange.closed()) {
                    break;
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("dribbled body closed after " + millis + " ms, " + sent + " of " + BODY.length()
                    + " bytes sent (body-read-timeout PT1S)");
            assertThat(exchange.closed()).isTrue();
            assertThat(sent).as("closed before the whole body arrived").isLessThan(BODY.length());
            assertThat(exchange.responses()).allSatisfy(r -> assertThat(r.status()).isLessThan(500));
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws IOException {
        try (RawHttp http = RawHttp.open(server.port())) {
            RawHttp.Exchange exchange = http.readUntilClosed(10_000);

            System.out.println("idle connection closed after " + exchange.millis() + " ms (idle-connection-timeout PT2S)");
            assertThat(exchange.closed()).isTrue();
        }
    }

    @Test
    void defaultsCloseSlowClientsWithinSeconds() {
        EdgeConfig defaults = EdgeConfig.create(Configs.create(Map.of()).get("server"));

        assertThat(defaults.headerReadTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.bodyReadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.idlePeriod()).isEqualTo(Duration.ofSeconds(1));
    }

    private static String chunkedPost(String chunked, boolean close) {
        return "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + (close ? "Connection: close\r\n" : "") + "Transfer-Encoding: chunked\r\n\r\n" + chunked;
    }

    private static void assertProblem(RawHttp.Response response, int status, String code) throws IOException {
        assertThat(response.status()).as(response.head()).isEqualTo(status);
        assertThat(response.hasHeader("Content-Type", "application/problem+json")).isTrue();
        JsonNode body = Json.mapper().readTree(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(body.get("error_code").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain(SECRET);
    }

    private static void print(String name, RawHttp.Exchange exchange) {
        System.out.println(name + ": " + exchange.responses().stream().map(RawHttp.Response::status).toList()
                + (exchange.closed() ? ", closed after " + exchange.millis() + " ms" : ", still open"));
    }
}
