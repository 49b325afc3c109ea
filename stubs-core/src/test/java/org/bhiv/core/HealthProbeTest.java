package org.bhiv.core;

import java.time.Duration;
import java.util.Map;

import org.bhiv.bridge.testing.FakeExecutor;
import org.bhiv.bridge.testing.HangingServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Core's {@code /health} reports the executor from a background probe and never waits on it.
 */
class HealthProbeTest {

    @Test
    void healthAnswersAtOnceWhileTheExecutorHangsAndReportsItUnreachableOnceAProbeTimedOut() throws Exception {
        try (HangingServer hanging = HangingServer.start();
             CoreClient core = CoreClient.start(Map.of("workflow-executor.url", hanging.baseUri(),
                     "workflow-executor.health-interval", "PT0.2S"))) {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                var health = core.get("/health");
                long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

                assertThat(tookMs).as("answered without waiting for the 2 s probe").isLessThan(1000);
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.body().path("status").asText()).isEqualTo("healthy");
                assertThat(health.body().at("/workflow_executor/reachable").asBoolean()).isFalse();
            }

            await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> {
                var executor = core.get("/health").body().path("workflow_executor");
                assertThat(executor.path("checked_at").isTextual()).isTrue();
                assertThat(executor.path("reachable").asBoolean()).isFalse();
                assertThat(executor.path("age_ms").asLong()).isGreaterThanOrEqualTo(0);
            });
            assertThat(hanging.accepted()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void beforeTheFirstProbeEndedTheExecutorIsNotReportedReachableAndHasNoAge() throws Exception {
        try (HangingServer hanging = HangingServer.start();
             CoreClient core = CoreClient.start(Map.of("workflow-executor.url", hanging.baseUri()))) {
            var executor = core.get("/health").body().path("workflow_executor");

            assertThat(executor.path("reachable").asBoolean()).isFalse();
            assertThat(executor.path("checked_at").isNull()).isTrue();
            assertThat(executor.path("age_ms").isNull()).isTrue();
        }
    }

    @Test
    void anAnsweringExecutorIsReportedReachableWithTheAgeOfTheAnswer() throws Exception {
        try (FakeExecutor executor = FakeExecutor.start();
             CoreClient core = CoreClient.start(Map.of("workflow-executor.url", executor.baseUri(),
                     "workflow-executor.health-interval", "PT0.2S"))) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var state = core.get("/health").body().path("workflow_executor");
                assertThat(state.path("reachable").asBoolean()).isTrue();
                assertThat(state.path("checked_at").isTextual()).isTrue();
                assertThat(state.path("age_ms").asLong()).isBetween(0L, 5000L);
            });
        }
    }
}
