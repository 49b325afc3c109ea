package org.bhiv.e2e;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The constitutional boundaries, enforced across the running stack: the executor may write to
 * Bucket and Karma, never read Bucket or modify Karma, and nobody acts under a forged identity.
 */
class GovernanceAcrossStackTest {

    @TempDir
    static Path dir;
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = Stack.start(dir, Map.of());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void executorIdentityCannotReadBucket() {
        Http.Answer answer = Http.get(stack.url(StackService.BUCKET) + "/core/events", Stack.EXECUTOR_TOKEN);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void executorIdentityCannotModifyKarma() {
        Http.Answer answer = Http.post(stack.url(StackService.KARMA) + "/api/v1/log-action/", Stack.EXECUTOR_TOKEN,
                Map.of("user_id", "victim", "action", "selfless_service", "role", "learner"));
        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void executorIdentityMayWriteItsOwnEventsToBucketAndKarma() {
        Http.Answer bucket = Http.post(stack.url(StackService.BUCKET) + "/core/write-event", Stack.EXECUTOR_TOKEN,
                Map.of("requester_id", "workflow_executor",
                        "event_data", Map.of("event_type", "workflow_execution", "trace_id", "gov-write")));
        assertThat(bucket.status()).as(bucket.body()).isEqualTo(200);
        Http.Answer karma = Http.post(stack.url(StackService.KARMA) + "/v1/event/", Stack.EXECUTOR_TOKEN,
                Map.of("type", "life_event", "data", Map.of("user_id", "gov_user", "action", "workflow_success", "role", "learner")));
        assertThat(karma.status()).as(karma.body()).isEqualTo(200);
    }

    @Test
    void forgedRequesterIdIsRefused() {
        Http.Answer answer = Http.post(stack.url(StackService.BUCKET) + "/core/write-event", Stack.EXECUTOR_TOKEN,
                Map.of("requester_id", "bhiv_core", "event_data", Map.of("event_type", "agent_result")));
        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void unauthenticatedCallersAreRefusedWithABearerChallenge() {
        Http.Answer bucket = Http.post(stack.url(StackService.BUCKET) + "/core/write-event", null,
                Map.of("requester_id", "workflow_executor", "event_data", Map.of("event_type", "x")));
        assertThat(bucket.status()).isEqualTo(401);
        assertThat(bucket.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        Http.Answer executor = Workflows.execute(stack.url(StackService.EXECUTOR) , "gov-anon", Map.of("action_type", "task", "title", "x"));
        assertThat(executor.status()).isEqualTo(200); // Core's token: allowed
        Http.Answer wrongToken = Http.post(stack.url(StackService.EXECUTOR) + "/api/workflow/execute", "not-a-token",
                Map.of("trace_id", "gov-anon-2", "decision", "workflow"));
        assertThat(wrongToken.status()).as("an unknown token is never taken for anonymous").isEqualTo(401);
        assertThat(wrongToken.json().path("title").asText()).contains("bin/stack tokens", "security.tokens");
    }

    @Test
    void anonymousCallersMayExecuteAndAskCoreAndNothingElse() {
        String executor = stack.url(StackService.EXECUTOR);
        Http.Answer executed = Http.post(executor + "/api/workflow/execute", null, Map.of("trace_id", "gov-anon-3",
                "decision", "workflow", "data", Map.of("workflow_type", "workflow",
                        "payload", Map.of("action_type", "task", "title", "anonymous task"))));
        assertThat(executed.status()).as(executed.body()).isEqualTo(200);
        assertThat(executed.json().path("status").asText()).isEqualTo("success");
        String taskId = executed.json().at("/execution_result/task_id").asText();
        Http.Answer asked = Http.post(stack.url(StackService.CORE) + "/handle_task", null,
                Map.of("agent", "edumentor_agent", "input", "hello"));
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);

        // Everything else of the executor, and every write or operator action of the other pillars.
        Map<String, Http.Answer> refused = new java.util.LinkedHashMap<>();
        refused.put("GET executions", Http.get(executor + "/api/workflow/executions/gov-anon-3", null));
        refused.put("GET task", Http.get(executor + "/api/tasks/" + taskId, null));
        refused.put("GET sandbox", Http.get(executor + "/api/sandbox/gov-anon-3", null));
        refused.put("POST bucket write-event", Http.post(stack.url(StackService.BUCKET) + "/core/write-event", null,
                Map.of("requester_id", "anonymous", "event_data", Map.of("event_type", "x"))));
        refused.put("GET bucket read-context", Http.get(stack.url(StackService.BUCKET)
                + "/core/read-context?agent_id=edumentor_agent&requester_id=bhiv_core", null));
        refused.put("POST bucket faults", Http.post(stack.url(StackService.BUCKET) + "/admin/faults", null,
                Map.of("fail_status", 503)));
        refused.put("POST karma event", Http.post(stack.url(StackService.KARMA) + "/v1/event/", null,
                Map.of("type", "life_event", "data", Map.of("user_id", "u", "action", "workflow_success", "role", "learner"))));
        refused.put("POST karma log-action", Http.post(stack.url(StackService.KARMA) + "/api/v1/log-action/", null,
                Map.of("user_id", "u", "action", "selfless_service", "role", "learner")));
        refused.forEach((what, answer) -> {
            assertThat(answer.status()).as("%s: %s", what, answer.body()).isIn(401, 403);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        });
        for (String health : new String[] {executor + "/healthz", stack.url(StackService.CORE) + "/health"}) {
            assertThat(Http.get(health, null).json().path("auth").asText()).startsWith("tokens+anonymous-");
        }
        assertThat(Http.get(executor + "/observe/health", null).body()).contains("tokens+anonymous-execute");
        assertThat(Http.get(stack.url(StackService.CORE) + "/observe/health", null).body())
                .contains("tokens+anonymous-handle_task");
        assertThat(Http.get(stack.url(StackService.BUCKET) + "/observe/health", null).body()).contains("\"mode\":\"tokens\"");
    }
}
