package org.bhiv.core;

import java.util.Map;

import org.bhiv.bridge.testing.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {

    private static CoreClient core;

    @BeforeAll
    static void start() {
        core = CoreClient.start(Map.of("workflow-executor.url", Ports.closedPortUri()));
    }

    @AfterAll
    static void stop() {
        core.close();
    }

    @Test
    void healthAnswersWithUptimeAndTheExecutorsState() {
        var health = core.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("healthy");
        assertThat(health.body().path("auth").asText()).isEqualTo("open");
        assertThat(health.body().path("uptime_seconds").asLong()).isGreaterThanOrEqualTo(0);
        var executor = health.body().path("workflow_executor");
        assertThat(executor.path("reachable").asBoolean()).isFalse();
        assertThat(executor.path("in_flight").asInt()).isZero();
        assertThat(executor.path("sent").asLong()).isZero();
        assertThat(executor.path("failed").asLong()).isZero();
        assertThat(executor.path("dropped").asLong()).isZero();
    }

    @Test
    void helidonObserveHealthIsUp() {
        var health = core.get("/observe/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
    }
}
