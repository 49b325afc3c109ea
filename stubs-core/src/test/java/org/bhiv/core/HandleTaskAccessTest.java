package org.bhiv.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may ask Core: with tokens configured, a known caller identity, or a caller without a token
 * only when {@code security.anonymous.allow} names {@code handle_task}.
 */
class HandleTaskAccessTest {

    private static final Map<String, String> TOKENS = Map.of(
            "security.tokens.0.token", "core-access-operator", "security.tokens.0.identity", "operator",
            "security.tokens.1.token", "core-access-executor", "security.tokens.1.identity", "workflow_executor",
            "workflow-executor.url", "http://127.0.0.1:9", "bucket.url", "http://127.0.0.1:9");
    private static final String TASK = "{\"agent\":\"edumentor_agent\",\"input\":\"hello\"}";

    @Test
    void withTokensConfiguredACallerNeedsAKnownIdentity() throws Exception {
        try (CoreClient core = CoreClient.start(TOKENS)) {
            assertThat(post(core, null).statusCode()).isEqualTo(401);
            assertThat(post(core, "core-access-operator").statusCode()).isEqualTo(200);
            assertThat(post(core, "core-access-executor").statusCode()).as("the executor does not ask Core").isEqualTo(403);
            assertThat(core.get("/health").body().path("auth").asText()).isEqualTo("tokens");
        }
    }

    @Test
    void anonymousHandleTaskLetsCallersWithoutATokenIn() throws Exception {
        var config = new HashMap<>(TOKENS);
        config.put("security.anonymous.allow", "handle_task");
        try (CoreClient core = CoreClient.start(config)) {
            HttpResponse<String> answer = post(core, null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(Json.mapper().readTree(answer.body()).path("status").asText()).isEqualTo("success");
            assertThat(post(core, "wrong-token").statusCode()).isEqualTo(401);
            assertThat(core.get("/health").body().path("auth").asText()).isEqualTo("tokens+anonymous-handle_task");
        }
    }

    private static HttpResponse<String> post(CoreClient core, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + core.port() + "/handle_task"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(TASK));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
