package org.bhiv.executor.adapters.whatsapp;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.adapters.ExecutionIds;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.RealProviderFixture;
import org.bhiv.executor.adapters.provider.ScriptedHttpServer;
import org.bhiv.executor.engine.ExecutionEngine;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code cloud-api} provider against a real local HTTP server scripted per case: what it
 * sends, how each answer is classified (contracts 3.3), timeouts, and that the token stays secret.
 */
class CloudApiWhatsAppProviderTest {

    private static final String TOKEN = "EAAG-secret-token-42";
    private static final String PHONE_ID = "106540352242922";

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
    void sendsTheTextMessageWithTheTokenAndAnswersTheProviderMessageIdBesideTheDeterministicOne() throws Exception {
        server.answer(200, """
                {"messaging_product":"whatsapp","contacts":[{"input":"919876543210","wa_id":"919876543210"}],
                 "messages":[{"id":"wamid.HBgLOTE5ODc2NTQzMjEwFQIAERgSQUFBQkJCQ0NDRERERUVFRkZGAA=="}]}""");

        JsonNode result = send(config(server.url() + "/v21.0"));

        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("provider").asText()).isEqualTo("cloud-api");
        assertThat(result.path("whatsapp_message_id").asText()).isEqualTo(ExecutionIds.derive("wa_", "key-1", "whatsapp"));
        assertThat(result.path("provider_message_id").asText()).startsWith("wamid.HBgL");
        assertThat(result.path("status").asText()).isEqualTo("SENT");
        assertThat(result.path("recipient").asText()).isEqualTo("+919876543210");
        var request = server.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v21.0/" + PHONE_ID + "/messages");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(Json.mapper().readTree(request.body())).isEqualTo(Json.mapper().readTree("""
                {"messaging_product":"whatsapp","to":"919876543210","type":"text","text":{"body":"Your order shipped"}}"""));
        assertThat(result.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aVendorMessageIdThatIsNotAShortPrintableTextIsNotCarried() {
        server.answer(200, "{\"messages\":[{\"id\":\"wamid.\\u2028" + "x".repeat(10) + "\"}]}");
        JsonNode result = send(config(server.url()));
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.has("provider_message_id")).isFalse();
    }

    @Test
    void aRateLimitCodeInALenientlyFormedErrorIsStillRecognised() {
        server.answer(400, "{\"error\":{\"code\":1,\"code\":130429}}");
        assertFailure(send(config(server.url())), "provider_rate_limited", true);
    }

    @Test
    void successWithoutAMessageIdStillSucceedsWithTheDeterministicIdOnly() {
        server.answer(200, "{}");
        JsonNode result = send(config(server.url()));
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.has("provider_message_id")).isFalse();
    }

    @Test
    void http429IsRateLimitedRetryableWithRetryAfter() {
        server.answer(429, "{\"error\":{\"message\":\"slow down\",\"code\":4}}", "Retry-After", "30");
        JsonNode result = send(config(server.url()));
        assertFailure(result, "provider_rate_limited", true);
        assertThat(result.path("retry_after_seconds").asLong()).isEqualTo(30);
    }

    @Test
    void code131047ReEngagementWindowIsRejectedAndNotRetryable() {
        server.answer(400, error(131047));
        assertFailure(send(config(server.url())), "provider_rejected", false);
    }

    @Test
    void code131026UndeliverableIsRejectedAndNotRetryable() {
        server.answer(400, error(131026));
        assertFailure(send(config(server.url())), "provider_rejected", false);
    }

    @Test
    void code130429ThroughputLimitIsRateLimitedEvenWithStatus400() {
        server.answer(400, error(130429));
        assertFailure(send(config(server.url())), "provider_rate_limited", true);
    }

    @Test
    void code131056PairRateLimitIsRateLimited() {
        server.answer(400, error(131056));
        assertFailure(send(config(server.url())), "provider_rate_limited", true);
    }

    @Test
    void otherClientErrorIsRejected() {
        server.answer(401, "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}");
        JsonNode result = send(config(server.url()));
        assertFailure(result, "provider_rejected", false);
        assertThat(result.path("message").asText()).doesNotContain("OAuth");
    }

    @Test
    void serverErrorIsUnavailableAndRetryable() {
        server.answer(500, "{\"error\":{\"message\":\"An unknown error occurred\",\"code\":1}}");
        assertFailure(send(config(server.url())), "provider_unavailable", true);
    }

    @Test
    void aServerThatNeverAnswersIsUnavailableAfterTheReadTimeout() throws Exception {
        try (var silent = new ScriptedHttpServer.Silent()) {
            var config = config(silent.url());
            config.put("whatsapp.cloud-api.read-timeout", "PT1S");
            long started = System.nanoTime();
            JsonNode result = send(config);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertFailure(result, "provider_unavailable", true);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aClosedPortIsUnavailableAndRetryable() throws Exception {
        assertFailure(send(config(ScriptedHttpServer.closedPortUrl())), "provider_unavailable", true);
    }

    @Test
    void reachesOutsideSoItsIdempotencyKeyIsClaimedDurably() {
        assertThat(WhatsAppAdapter.create(RealProviderFixture.context("whatsapp", config(server.url()))).reachesOutside())
                .isTrue();
    }

    @Test
    void startUpFailsNamingTheMissingKeyAndItsEnvironmentVariable() {
        for (String key : new String[] {"base-url", "phone-number-id", "token"}) {
            var config = config(server.url());
            config.remove("whatsapp.cloud-api." + key);
            assertThatThrownBy(() -> WhatsAppAdapter.create(RealProviderFixture.context("whatsapp", config)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("executor.adapters.whatsapp.cloud-api." + key + " is required")
                    .hasMessageContaining("EXECUTOR_ADAPTERS_WHATSAPP_CLOUD_dash_API_");
        }
    }

    @Test
    void aTokenMountedFromAFileWithItsTrailingLineBreakIsUsedStripped() {
        server.answer(200, "{}");
        var config = config(server.url());
        config.put("whatsapp.cloud-api.token", TOKEN + "\n");
        assertThat(send(config).path("success").asBoolean()).isTrue();
        assertThat(server.received().getFirst().authorization()).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aTokenWithALineBreakInsideFailsStartUpWithoutEchoingIt() {
        var config = config(server.url());
        config.put("whatsapp.cloud-api.token", "abc\n" + TOKEN);
        assertThatThrownBy(() -> WhatsAppAdapter.create(RealProviderFixture.context("whatsapp", config)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executor.adapters.whatsapp.cloud-api.token must not contain control characters")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void invalidSettingsFailStartUpWithoutEchoingTheToken() {
        var config = config("ftp://example.org");
        assertThatThrownBy(() -> WhatsAppAdapter.create(RealProviderFixture.context("whatsapp", config)))
                .hasMessageContaining("executor.adapters.whatsapp.cloud-api.base-url must be an absolute http or https URL");
        var slow = config(server.url());
        slow.put("whatsapp.cloud-api.read-timeout", "PT10S");
        assertThatThrownBy(() -> WhatsAppAdapter.create(RealProviderFixture.context("whatsapp", slow)))
                .hasMessageContaining("executor.adapters.whatsapp.cloud-api.read-timeout must be more than 0 and at most")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void theConfigNeverShowsTheToken() {
        var settings = CloudApiConfig.create(RealProviderFixture.context("whatsapp", config(server.url())).config());
        assertThat(settings.toString()).doesNotContain(TOKEN).contains("[redacted]");
    }

    private static String error(int code) {
        return "{\"error\":{\"message\":\"(#" + code + ") failure\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"fbtrace_id\":\"AbCd\"}}";
    }

    private static void assertFailure(JsonNode result, String errorCode, boolean retryable) {
        assertThat(result.path("success").asBoolean()).isFalse();
        assertThat(result.path("error_code").asText()).isEqualTo(errorCode);
        assertThat(result.path("retryable").asBoolean()).isEqualTo(retryable);
        assertThat(result.path("provider").asText()).isEqualTo("cloud-api");
        assertThat(result.toString()).doesNotContain(TOKEN);
    }

    private static Map<String, String> config(String baseUrl) {
        var config = new HashMap<String, String>();
        config.put("whatsapp.provider", "cloud-api");
        config.put("whatsapp.timeout", "PT5S");
        config.put("whatsapp.cloud-api.base-url", baseUrl);
        config.put("whatsapp.cloud-api.phone-number-id", PHONE_ID);
        config.put("whatsapp.cloud-api.token", TOKEN);
        return config;
    }

    private static JsonNode send(Map<String, String> config) {
        ExecutionEngine engine = RealProviderFixture.engine("whatsapp", config, WhatsAppAdapter::create);
        ObjectNode payload = RealProviderFixture.payload("whatsapp",
                Map.of("recipient", "+919876543210", "message", "Your order shipped"));
        return engine.run("trace-1", "key-1", payload, new Effects()).result();
    }
}
