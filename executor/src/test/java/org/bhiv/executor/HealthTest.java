package org.bhiv.executor;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {

    private static TestExecutor executor;

    @BeforeAll
    static void start() {
        executor = TestExecutor.start(Map.of("integrations.bucket.enabled", "true",
                "integrations.bucket.url", "http://localhost:9"));
    }

    @AfterAll
    static void stop() {
        executor.close();
    }

    @Test
    void healthzReportsTheEmbeddedStoreAndEachIntegration() {
        var res = executor.get("/healthz");

        assertThat(res.status()).isEqualTo(200);
        JsonNode body = res.json();
        assertThat(body.path("service").asText()).isEqualTo("workflow-executor");
        assertThat(body.path("auth").asText()).isEqualTo("open");
        assertThat(body.path("store").path("kind").asText()).isEqualTo("h2");
        assertThat(body.path("store").path("ok").asBoolean()).isTrue();
        assertThat(body.path("integrations").path("bucket").path("enabled").asBoolean()).isTrue();
        assertThat(body.path("integrations").path("bucket").path("url").asText()).isEqualTo("http://localhost:9");
        assertThat(body.path("integrations").path("karma").path("state").asText()).isEqualTo("disabled");
        assertThat(body.path("workflows").path("replayed").asLong()).isZero();
        assertThat(body.path("status").asText()).isIn("ok", "degraded");
    }

    @Test
    void readinessIncludesTheStore() {
        var res = executor.get("/observe/health");

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().path("status").asText()).isEqualTo("UP");
        assertThat(res.text()).contains("\"store\"");
    }

    @Test
    void healthChecksTheStoreTheAuthModeDiskAndHeapButNotDeadlocks() {
        var checks = executor.get("/observe/health").json().path("checks");

        // no deadlock check: it stops every thread at a safepoint on each call (Servers)
        assertThat(checks.findValuesAsText("name")).containsExactlyInAnyOrder("store", "auth", "diskSpace", "heapMemory");
    }
}
