package org.bhiv.executor;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {

    private static TestExecutor executor;

    @BeforeAll
    static void start() {
        executor = TestExecutor.start(Map.of());
    }

    @AfterAll
    static void stop() {
        executor.close();
    }

    @Test
    void metricsShowExecutionsByActionTypeAndStatusAndALatencyHistogram() {
        var answer = executor.execute("{\"trace_id\":\"m-1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"task\",\"title\":\"T\"}}}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(executor.execute("{\"trace_id\":\"m-2\",\"decision\":\"respond\"}").status()).isEqualTo(200);

        var metrics = executor.get("/observe/metrics", "Accept", "text/plain");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text())
                .containsPattern("executor_executions_total\\{[^}]*action_type=\"task\"[^}]*status=\"success\"[^}]*} [1-9]")
                .containsPattern("executor_executions_total\\{[^}]*action_type=\"none\"[^}]*status=\"skipped\"[^}]*} [1-9]")
                .containsPattern("executor_execution_latency_seconds_bucket\\{[^}]*action_type=\"task\"")
                .contains("executor_execution_latency_seconds_count");
    }
}
