package org.bhiv.executor.adapters.ai;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.executor.adapters.ExecutionIds;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.RealProviderFixture;
import org.bhiv.executor.adapters.provider.ScriptedHttpServer;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code openai} provider against a real local HTTP server scripted per case: the request it
 * sends, the answer it reads, each failure class of contracts 3.3, and that the API key stays secret.
 */
class OpenAiProviderTest {

    private static final String API_KEY = "sk-test-secret-key-0042";

    private ScriptedHttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedHttpServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsThePromptAsAUserMessageAndAnswersTheFirstChoiceAndTheReportedModel() throws Exception {
        server.answer(200, """
                {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Ship it on Monday."},"finish_reason":"stop"}]}""");

        JsonNode result = ask(config(server.url() + "/v1"));

        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("provider").asText()).isEqualTo("openai");
        assertThat(result.path("request_id").asText()).isEqualTo(ExecutionIds.derive("ai_", "key-1", "ai"));
        assertThat(result.path("response").asText()).isEqualTo("Ship it on Monday.");
        assertThat(result.path("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(result.path("health").asText()).isEqualTo("OK");
        var request = server.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.authorization()).isEqualTo("Bearer " + API_KEY);
        assertThat(Json.mapper().readTree(request.body())).isEqualTo(Json.mapper().readTree("""
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"When should we ship?"}]}"""));
        assertThat(result.toString()).doesNotContain(API_KEY);
    }

    @Test
    void aLenientlyFormedAnswerWithAnOddModelNameIsStillASuccessWithTheConfiguredModel() {
        // a duplicate key and a model name no store or audit record should carry: the billed answer is kept
        server.answer(200, "{\"model\":\"m\",\"model\":\"" + "x".repeat(300) + "\","
                + "\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Yes.\"}}]}");
        JsonNode result = ask(config(server.url()));
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("response").asText()).isEqualTo("Yes.");
        assertThat(result.path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anAnswerWithoutAModelNameReportsTheConfiguredModel() {
        server.answer(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Yes.\"}}]}");
        JsonNode result = ask(config(server.url()));
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anAnswerWithoutChoicesIsUnavailableAndRetryable() {
        server.answer(200, "{\"choices\":[]}");
        assertFailure(ask(config(server.url())), "provider_unavailable", true);
    }

    @Test
    void http429IsRateLimitedWithRetryAfter() {
        server.answer(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}",
                "Retry-After", "20");
        JsonNode result = ask(config(server.url()));
        assertFailure(result, "provider_rate_limited", true);
        assertThat(result.path("retry_after_seconds").asLong()).isEqualTo(20);
    }

    @Test
    void http401IsRejectedAndNotRetryable() {
        server.answer(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-***0042\",\"code\":\"invalid_api_key\"}}");
        JsonNode result = ask(config(server.url()));
        assertFailure(result, "provider_rejected", false);
        assertThat(result.path("message").asText()).doesNotContain("Incorrect");
    }

    @Test
    void http503IsUnavailableAndRetryable() {
        server.answer(503, "{\"error\":{\"message\":\"overloaded\"}}");
        assertFailure(ask(config(server.url())), "provider_unavailable", true);
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheReadTimeout() throws Exception {
        try (var silent = new ScriptedHttpServer.Silent()) {
            var config = config(silent.url());
            config.put("ai.openai.read-timeout", "PT1S");
            long started = System.nanoTime();
            JsonNode result = ask(config);
            assertFailure(result, "provider_unavailable", true);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aClosedPortIsUnavailableAndRetryable() throws Exception {
        assertFailure(ask(config(ScriptedHttpServer.closedPortUrl())), "provider_unavailable", true);
    }

    @Test
    void reachesOutsideSoItsIdempotencyKeyIsClaimedDurably() {
        assertThat(AiAdapter.create(RealProviderFixture.context("ai", config(server.url()))).reachesOutside()).isTrue();
    }

    @Test
    void startUpFailsNamingTheMissingKeyAndItsEnvironmentVariable() {
        var envNames = Map.of("base-url", "EXECUTOR_ADAPTERS_AI_OPENAI_BASE_dash_URL",
                "api-key", "EXECUTOR_ADAPTERS_AI_OPENAI_API_dash_KEY", "model", "EXECUTOR_ADAPTERS_AI_OPENAI_MODEL");
        envNames.forEach((key, env) -> {
            var config = config(server.url());
            config.remove("ai.openai." + key);
            assertThatThrownBy(() -> AiAdapter.create(RealProviderFixture.context("ai", config)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("executor.adapters.ai.openai." + key + " is required when executor.adapters.ai.provider is openai")
                    .hasMessageContaining(env);
        });
    }

    @Test
    void theConfigNeverShowsTheApiKey() {
        var settings = OpenAiConfig.create(RealProviderFixture.context("ai", config(server.url())).config());
        assertThat(settings.toString()).doesNotContain(API_KEY).contains("[redacted]");
    }

    private static void assertFailure(JsonNode result, String errorCode, boolean retryable) {
        assertThat(result.path("success").asBoolean()).isFalse();
        assertThat(result.path("error_code").asText()).isEqualTo(errorCode);
        assertThat(result.path("retryable").asBoolean()).isEqualTo(retryable);
        assertThat(result.path("provider").asText()).isEqualTo("openai");
        assertThat(result.toString()).doesNotContain(API_KEY);
    }

    private static Map<String, String> config(String baseUrl) {
        var config = new HashMap<String, String>();
        config.put("ai.provider", "openai");
        config.put("ai.timeout", "PT5S");
        config.put("ai.openai.base-url", baseUrl);
        config.put("ai.openai.api-key", API_KEY);
        config.put("ai.openai.model", "gpt-4o-mini");
        return config;
    }

    private static JsonNode ask(Map<String, String> config) {
        var engine = RealProviderFixture.engine("ai", config, AiAdapter::create);
        return engine.run("trace-1", "key-1", RealProviderFixture.payload("ai", Map.of("prompt", "When should we ship?")),
                new Effects()).result();
    }
}
