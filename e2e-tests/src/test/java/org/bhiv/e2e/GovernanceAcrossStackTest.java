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
        Http.Answer anonymous = Http.post(stack.url(StackService.EXECUTOR) + "/api/workflow/execute", null,
                Map.of("trace_id", "gov-anon-2", "decision", "workflow"));
        assertThat(anonymous.status()).isEqualTo(401);
    }
}
