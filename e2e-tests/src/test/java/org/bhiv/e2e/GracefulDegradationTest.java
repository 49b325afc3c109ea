package org.bhiv.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When Bucket or Karma is down or hangs, workflows still succeed with unchanged answers, the
 * executor reports itself degraded, and after recovery every event arrives exactly once.
 */
class GracefulDegradationTest {

    /** Short retry delays so that recovery is observed in seconds, not the production minute. */
    static final Map<String, String> FAST_RETRIES = Map.of(
            "integrations.backoff.initial", "PT0.1S",
            "integrations.backoff.max", "PT0.5S");

    enum Outage {
        BUCKET_DOWN, KARMA_DOWN, BOTH_DOWN, BUCKET_HANGING;

        void begin(Stack stack) {
            switch (this) {
                case BUCKET_DOWN -> stack.stop(StackService.BUCKET);
                case KARMA_DOWN -> stack.stop(StackService.KARMA);
                case BOTH_DOWN -> {
                    stack.stop(StackService.BUCKET);
                    stack.stop(StackService.KARMA);
                }
                case BUCKET_HANGING -> assertThat(Http.post(stack.url(StackService.BUCKET) + "/admin/faults",
                        Stack.OPERATOR_TOKEN, Map.of("delay_ms", 10_000)).status()).isEqualTo(200);
            }
        }

        void end(Stack stack) {
            switch (this) {
                case BUCKET_HANGING -> assertThat(Http.send("DELETE", stack.url(StackService.BUCKET) + "/admin/faults",
                        Stack.OPERATOR_TOKEN, null).status()).isIn(200, 204);
                default -> {
                    stack.start(StackService.BUCKET);
                    stack.start(StackService.KARMA);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Outage.class)
    void workflowsSucceedDuringTheOutageAndEveryEventArrivesOnceAfterIt(Outage outage, @TempDir Path dir) {
        try (Stack stack = Stack.start(dir, FAST_RETRIES)) {
            Workflows workflows = new Workflows(stack);
            String user = "degraded_" + outage.name().toLowerCase();
            JsonNode baseline = workflows.executeTask("baseline-" + outage, user).json().path("execution_result");

            outage.begin(stack);
            List<String> traces = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String traceId = "outage-" + outage + "-" + i;
                long started = System.nanoTime();
                Http.Answer answer = workflows.executeTask(traceId, user);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().path("status").asText()).isEqualTo("success");
                JsonNode result = answer.json().path("execution_result");
                assertThat(result.path("success").asBoolean()).isTrue();
                assertThat(result.path("task_status").asText()).isEqualTo(baseline.path("task_status").asText());
                assertThat(result.path("provider").asText()).isEqualTo(baseline.path("provider").asText());
                assertThat(millis).as("answer time while %s (ms)", outage).isLessThan(1000);
                traces.add(traceId);
            }
            if (outage != Outage.BUCKET_HANGING) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(workflows.executorHealth().path("status").asText()).isEqualTo("degraded"));
            }

            outage.end(stack);
            await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> {
                for (String traceId : traces) {
                    assertThat(workflows.bucketCount(traceId, "workflow_execution")).as("bucket events of %s", traceId).isEqualTo(1);
                    assertThat(workflows.karmaCount(user, traceId)).as("karma events of %s", traceId).isEqualTo(1);
                }
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode integrations = workflows.executorHealth().path("integrations");
                assertThat(integrations.path("bucket").path("pending").asLong()).isZero();
                assertThat(integrations.path("karma").path("pending").asLong()).isZero();
            });
            for (String traceId : traces) {
                assertThat(workflows.bucketCount(traceId, "workflow_execution")).isEqualTo(1);
                assertThat(workflows.karmaCount(user, traceId)).isEqualTo(1);
            }
        }
    }
}
