package org.bhiv.core;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Configs;
import org.bhiv.server.Json;

/**
 * Starts the Core stand-in on a random port and talks to it, for tests.
 */
final class CoreClient implements AutoCloseable {

    private final WebServer server;
    private final WebClient client;

    private CoreClient(WebServer server) {
        this.server = server;
        this.client = WebClient.builder().baseUri("http://localhost:" + server.port()).build();
    }

    /**
     * @param overrides config keys on top of application.yaml
     * @return a started Core
     */
    static CoreClient start(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(overrides);
        config.put("server.port", "0");
        config.put("logging.file", "");
        return new CoreClient(Main.start(Configs.create(config)));
    }

    Answer postTask(String json) {
        return post("/handle_task", "application/json", json);
    }

    Answer post(String path, String contentType, String body) {
        try (HttpClientResponse res = client.post(path).header(HeaderNames.CONTENT_TYPE, contentType).submit(body)) {
            return Answer.of(res);
        }
    }

    Answer get(String path) {
        try (HttpClientResponse res = client.get(path).request()) {
            return Answer.of(res);
        }
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * A response, read.
     *
     * @param status      HTTP status
     * @param contentType Content-Type header
     * @param body        parsed JSON body
     */
    record Answer(int status, String contentType, JsonNode body) {

        static Answer of(HttpClientResponse res) {
            String text = res.as(String.class);
            try {
                return new Answer(res.status().code(), res.headers().first(HeaderNames.CONTENT_TYPE).orElse(""),
                        Json.mapper().readTree(text));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }
}
