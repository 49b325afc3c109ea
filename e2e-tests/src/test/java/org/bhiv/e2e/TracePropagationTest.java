package org.bhiv.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A decision made in Core becomes one action, and Core's {@code task_id} is the trace_id in the
 * executor's record, in Bucket's {@code agent_result} and {@code workflow_execution} events and
 * in Karma's recent events of the user - for each of the four action types.
 */
class TracePropagationTest {

    @TempDir
    static Path dir;
    private static Stack stack;
    private static Workflows workflows;

    @BeforeAll
    static void start() {
        stack = Stack.start(dir, Map.of());
        workflows = new Workflows(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "task     | Create a task to review the authentication module",
            "email    | Send an email to alice@example.com about the release plan",
            "whatsapp | Send a whatsapp message to +919876543210 that the build is green",
            "ai       | Explain how the audit hash chain works"})
    void coreTaskIdIsTheTraceIdInExecutorBucketAndKarma(String actionType, String input) {
        String user = "trace_user_" + actionType;
        Http.Answer core = workflows.handleTask(input, user);
        assertThat(core.status()).as(core.body()).isEqualTo(200);
        String taskId = core.json().path("task_id").asText();
        assertThat(taskId).isNotBlank();
        assertThat(core.json().path("agent_output").path("requires_workflow").asBoolean()).isTrue();
        assertThat(core.json().path("agent_output").path("workflow_action_type").asText()).isEqualTo(actionType);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Http.Answer lookup = workflows.execution(taskId);
            assertThat(lookup.status()).as(lookup.body()).isEqualTo(200);
            JsonNode execution = lookup.json().path("executions").get(0);
            assertThat(execution.path("action_type").asText()).isEqualTo(actionType);
            assertThat(execution.path("status").asText()).isEqualTo("success");
            assertThat(execution.path("deliveries").path("bucket").path("state").asText()).isEqualTo("delivered");
            assertThat(execution.path("deliveries").path("karma").path("state").asText()).isEqualTo("delivered");
        });
        assertThat(workflows.bucketCount(taskId, "agent_result")).isEqualTo(1);
        assertThat(workflows.bucketCount(taskId, "workflow_execution")).isEqualTo(1);
        JsonNode audit = workflows.bucketEvents(taskId).stream()
                .filter(e -> e.path("event_type").asText().equals("workflow_execution")).findFirst().orElseThrow();
        assertThat(audit.path("trace_id").asText()).isEqualTo(taskId);
        assertThat(audit.path("requester_id").asText()).isEqualTo("workflow_executor");
        assertThat(audit.path("action_type").asText()).isEqualTo(actionType);
        assertThat(workflows.karmaCount(user, taskId)).isEqualTo(1);
    }
}
