package org.bhiv.server.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Responses;
import org.bhiv.server.Servers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter registers a {@link Caller} that handlers find with {@link Caller#of}, on a real server.
 */
class BearerTokenFilterTest {

    private static WebServer server;
    private static WebClient client;

    @BeforeAll
    static void start() {
        Tokens tokens = Tokens.of("op-secret", "operator");
        server = Servers.start(Config.just(ConfigSources.create(Map.of("server.port", "0"))), routing -> routing
                .addFilter(BearerTokenFilter.create(tokens, "test"))
                .get("/who", (req, res) -> Responses.json(res, 200,
                        Map.of("identity", Caller.of(req).require(Set.of("operator"))))), List.of());
        client = WebClient.builder().baseUri("http://localhost:" + server.port()).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void handlerSeesTheIdentityTheTokenProves() {
        try (HttpClientResponse res = client.get("/who").header(io.helidon.http.HeaderNames.AUTHORIZATION, "Bearer op-secret")
                .request()) {
            assertThat(res.status().code()).isEqualTo(200);
            assertThat(res.as(String.class)).isEqualTo("{\"identity\":\"operator\"}");
        }
    }

    @Test
    void handlerRefusesACallerWithoutToken() {
        try (HttpClientResponse res = client.get("/who").request()) {
            assertThat(res.status().code()).isEqualTo(401);
            assertThat(res.as(String.class)).contains("\"error_code\":\"unauthenticated\"");
        }
    }
}
