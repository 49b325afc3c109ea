package org.bhiv.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.executor.outbox.IntegrationEvents;
import org.bhiv.executor.outbox.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11's attack, end to end through the executor's outbox: while Bucket and Karma are down,
 * another writer (bhiv_core, with its valid token) learns the executor's pending event ids and
 * writes forged records under them first. The executor's real events must still be stored and
 * applied as its own, never answered as duplicates of someone else's record.
 */
class CrossIdentityDedupeTest {

    @TempDir
    static Path dir;
    private static Stack stack;
    private static Workflows workflows;

    @BeforeAll
    static void start() {
        stack = Stack.start(dir, Map.of("integrations.drain-timeout", "PT0S"));
        workflows = new Workflows(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anotherWritersForgedRecordsUnderTheExecutorsEventIdsDoNotShadowItsEvents() {
        stack.stop(StackService.BUCKET);
        stack.stop(StackService.KARMA);
        String trace = "forge-" + System.nanoTime();
        assertThat(workflows.executeTask(trace, "forge_user").status()).isEqualTo(200);
        String executionId = workflows.execution(trace).json().at("/executions/0/execution_id").asText();
        String bucketEventId = IntegrationEvents.eventId(trace, executionId, Sink.BUCKET);
        String karmaEventId = IntegrationEvents.eventId(trace, executionId, Sink.KARMA);
        // The executor stops with its events pending, so the forged writes below surely come first.
        stack.stop(StackService.EXECUTOR);
        stack.start(StackService.BUCKET);
        stack.start(StackService.KARMA);

        Http.Answer forgedAudit = Http.post(stack.url(StackService.BUCKET) + "/core/write-event", Stack.CORE_TOKEN,
                Map.of("requester_id", "bhiv_core", "event_data", Map.of("event_id", bucketEventId,
                        "event_type", "workflow_execution", "trace_id", trace, "status", "failed")));
        Http.Answer forgedKarma = Http.post(stack.url(StackService.KARMA) + "/v1/event/", Stack.CORE_TOKEN,
                Map.of("type", "life_event", "data", Map.of("user_id", "forge_user", "action", "workflow_failed",
                        "role", "learner", "metadata", Map.of("event_id", karmaEventId, "trace_id", trace))));
        assertThat(forgedAudit.status()).isEqualTo(200);
        assertThat(forgedKarma.status()).isEqualTo(200);
        stack.start(StackService.EXECUTOR);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode deliveries = workflows.execution(trace).json().at("/executions/0/deliveries");
            assertThat(deliveries.at("/bucket/state").asText()).isEqualTo("delivered");
            assertThat(deliveries.at("/karma/state").asText()).isEqualTo("delivered");
        });
        List<JsonNode> audit = workflows.bucketEvents(trace).stream()
                .filter(e -> "workflow_execution".equals(e.path("event_type").asText())).toList();
        assertThat(audit).extracting(e -> e.path("requester_id").asText() + ":" + e.path("status").asText())
                .as("the executor's own record is stored beside the forged one")
                .containsExactlyInAnyOrder("bhiv_core:failed", "workflow_executor:success");
        JsonNode karma = Http.get(stack.url(StackService.KARMA) + "/api/v1/karma/forge_user", null).json();
        assertThat(karma.at("/action_stats/by_action/workflow_success").asLong()).as(karma.toString()).isEqualTo(1);
    }
}
