package org.bhiv.executor.adapters.provider;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP client real providers share: {@code Retry-After} in both of its forms, what an error
 * answer becomes, and that redirects are not followed (a token never goes to a second host).
 */
class ProviderHttpTest {

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(ProviderHttp.retryAfter(Optional.of("120"))).hasValue(Duration.ofMinutes(2));
        String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(65).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(ProviderHttp.retryAfter(Optional.of(inAMinute))).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(66)));
        assertThat(ProviderHttp.retryAfter(Optional.of("soon"))).isEmpty();
        assertThat(ProviderHttp.retryAfter(Optional.of("-5"))).isEmpty();
        assertThat(ProviderHttp.retryAfter(Optional.empty())).isEmpty();
    }

    @Test
    void anErrorAnswerBecomesAProviderExceptionWithStatusVendorCodeAndRetryAfterButNoBodyText() throws Exception {
        try (var server = ScriptedHttpServer.start()) {
            server.answer(429, "{\"error\":{\"code\":130429,\"message\":\"secret-ish provider text\"}}", "Retry-After", "7");
            var http = new ProviderHttp(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThatThrownBy(() -> http.postJson(URI.create(server.url() + "/x"), Secret.of("tok"),
                    Json.mapper().createObjectNode(), answer -> answer.path("error").path("code").asText()))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.httpStatus()).hasValue(429);
                        assertThat(e.vendorCode()).hasValue("130429");
                        assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
                        assertThat(e.getMessage()).doesNotContain("secret-ish").doesNotContain("tok");
                    });
        }
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsTheProviderFailing() throws Exception {
        try (var target = ScriptedHttpServer.start(); var server = ScriptedHttpServer.start()) {
            server.answer(307, "", "Location", target.url() + "/elsewhere");
            var http = new ProviderHttp(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThatThrownBy(() -> http.postJson(URI.create(server.url() + "/x"), Secret.of("tok"),
                    Json.mapper().createObjectNode(), answer -> null))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.httpStatus()).hasValue(307));
            assertThat(target.received()).isEmpty();
            assertThat(ProviderFailures.classify(ProviderException.http(307, null, null)).orElseThrow().errorCode())
                    .isEqualTo("provider_unavailable");
        }
    }

    @Test
    void aProviderThatStallsMidBodyIsCutAtTheReadTimeout() throws Exception {
        try (var server = ScriptedHttpServer.start()) {
            server.stallBodyAfterHeaders();
            var http = new ProviderHttp(Duration.ofSeconds(1), Duration.ofSeconds(1));
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.postJson(URI.create(server.url() + "/x"), Secret.of("tok"),
                    Json.mapper().createObjectNode(), answer -> null))
                    .isInstanceOf(java.net.http.HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void aSecretNeverPrintsItsValue() {
        assertThat(Secret.of("hunter2").toString()).isEqualTo("[redacted]");
        assertThat(Secret.of("").toString()).isEqualTo("[empty]");
        assertThat(Secret.of("hunter2").reveal()).isEqualTo("hunter2");
    }
}
