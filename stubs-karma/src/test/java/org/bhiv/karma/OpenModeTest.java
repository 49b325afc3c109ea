package org.bhiv.karma;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Configs;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Without tokens (the sandbox), Karma takes events from anyone and says so in health. */
class OpenModeTest {

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
    void eventWithoutTokenIsAppliedAndSourcedFromTheBody() throws Exception {
        try (HttpClientResponse res = client.post("/v1/event").header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"type\":\"life_event\",\"data\":{\"user_id\":\"open-u\",\"action\":\"helping_peers\","
                        + "\"role\":\"volunteer\",\"metadata\":{\"trace_id\":\"t-open\",\"source\":\"demo\"}}}")) {
            assertThat(res.status().code()).isEqualTo(200);
            assertThat(Json.mapper().readTree(res.as(String.class)).at("/data/merit_score").asDouble()).isEqualTo(12.0);
        }
        try (HttpClientResponse res = client.get("/api/v1/karma/open-u").request()) {
            JsonNode user = Json.mapper().readTree(res.as(String.class));
            assertThat(user.at("/recent_events/0/trace_id").asText()).isEqualTo("t-open");
            assertThat(user.at("/recent_events/0/source").asText()).isEqualTo("demo");
        }
        try (HttpClientResponse res = client.get("/health").request()) {
            assertThat(Json.mapper().readTree(res.as(String.class)).get("auth").asText()).isEqualTo("open");
        }
    }
}
