package org.bhiv.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Configs;
import org.bhiv.server.Json;

/**
 * A real executor on a random port and a plain JDK HTTP client to talk to it (raw bytes, any
 * content type), for tests.
 */
final class TestExecutor implements AutoCloseable {

    private final WebServer server;
    private final Path dataDir;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestExecutor(WebServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * Starts one with the repository's config plus {@code overrides}: no log file, port 0, its own
     * H2 database in a fresh temporary directory (removed on close), Bucket and Karma sinks
     * disabled so that no test posts to a real local stack.
     */
    static TestExecutor start(Map<String, String> overrides) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("executor-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var all = new HashMap<String, String>();
        all.put("server.port", "0");
        all.put("logging.file", "");
        all.put("executor.store.data-dir", dataDir.toString());
        all.put("integrations.bucket.enabled", "false");
        all.put("integrations.karma.enabled", "false");
        all.putAll(overrides);
        try {
            return new TestExecutor(Main.start(Configs.create(all)), dataDir);
        } catch (RuntimeException e) {
            delete(dataDir);
            throw e;
        }
    }

    int port() {
        return server.port();
    }

    /** POSTs JSON text to the execute endpoint. */
    Answer execute(String json, String... headers) {
        return send("POST", "/api/workflow/execute", "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    Answer get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    Answer send(String method, String path, String contentType, byte[] body, String... headers) {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> res = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(res.statusCode(), res.headers(), res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
        delete(dataDir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One HTTP answer. */
    record Answer(int status, HttpHeaders headers, byte[] body) {

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + text(), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
