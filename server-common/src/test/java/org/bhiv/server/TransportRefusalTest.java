package org.bhiv.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Helidon refuses before routing is answered with problem+json, not an empty body. Raw
 * socket requests, because a well-behaved client cannot send them.
 */
class TransportRefusalTest {

    private static WebServer server;

    @BeforeAll
    static void start() {
        server = Servers.start(Configs.create(Map.of("server.port", "0")),
                routing -> routing.get("/api/tasks/{id}", (req, res) -> res.send("ok")), List.of());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void badPercentEncodingIsA400Problem() throws IOException {
        RawAnswer answer = send("GET /api/tasks/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertProblem(answer, 400, "bad_request");
    }

    @Test
    void aHugeHeaderIsRefusedWithAProblem() throws IOException {
        RawAnswer answer = send("GET /api/tasks/1 HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(70_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isIn(400, 431);
        assertProblem(answer, answer.status(), answer.status() == 400 ? "bad_request" : "request_header_fields_too_large");
    }

    @Test
    void aVeryLongPathIsRefusedWithAProblem() throws IOException {
        RawAnswer answer = send("GET /api/tasks/" + "x".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isIn(400, 414);
        assertProblem(answer, answer.status(), answer.status() == 400 ? "bad_request" : "uri_too_long");
    }

    @Test
    void aNormalRequestIsUnaffected() throws IOException {
        RawAnswer answer = send("GET /api/tasks/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("ok");
    }

    private static void assertProblem(RawAnswer answer, int status, String code) throws IOException {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.head().toLowerCase()).contains("content-type: application/problem+json");
        JsonNode body = Json.mapper().readTree(answer.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error_code").asText()).isEqualTo(code);
        assertThat(body.get("detail").asText()).isEqualTo(code);
        assertThat(body.get("type").asText()).isEqualTo("urn:bhiv:problem:" + code);
    }

    private static RawAnswer send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it read everything we sent; read what it said.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    all.write(buffer, 0, n);
                    if (complete(all.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (IOException e) {
                // A reset after the answer was sent: keep what arrived.
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as("a complete answer: %s", text).isPositive();
            String head = text.substring(0, split);
            return new RawAnswer(Integer.parseInt(head.split(" ")[1]), head, text.substring(split + 4));
        }
    }

    private static boolean complete(String text) {
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            return false;
        }
        String head = text.substring(0, split).toLowerCase();
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int end = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 15, end < 0 ? head.length() : end).trim());
        return text.length() - split - 4 >= length;
    }

    private record RawAnswer(int status, String head, String body) {
    }
}
