package org.bhiv.core;

import java.util.Map;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Configs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {

    private static WebServer server;
    private static WebClient client;

    @BeforeAll
    static void start() {
        server = Main.start(Configs.create(Map.of("server.port", "0", "logging.file", "")));
        client = WebClient.builder().baseUri("http://localhost:" + server.port()).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void healthAnswersOnARandomPort() {
        try (HttpClientResponse res = client.get("/health").request()) {
            assertThat(res.status().code()).isEqualTo(200);
            assertThat(res.as(String.class)).contains("\"status\":").contains("\"auth\":\"open\"");
        }
    }

    @Test
    void helidonObserveHealthIsUp() {
        try (HttpClientResponse res = client.get("/observe/health").request()) {
            assertThat(res.status().code()).isEqualTo(200);
        }
    }
}
