package org.bhiv.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.bhiv.bridge.WorkflowOutcome.Cause;
import org.bhiv.bridge.WorkflowOutcome.Delivered;
import org.bhiv.bridge.WorkflowOutcome.Dropped;
import org.bhiv.bridge.WorkflowOutcome.Unavailable;
import org.bhiv.bridge.testing.FakeExecutor;
import org.bhiv.bridge.testing.HangingServer;
import org.bhiv.bridge.testing.Ports;
import org.bhiv.bridge.testing.ResettingProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fire-and-forget guarantees against real faulty servers: a closed port, a server that
 * accepts and never answers, a connection reset, more calls than the in-flight bound.
 */
class WorkflowClientFaultTest {

    private static final Map<String, Object> TASK = Map.of("title", "Review code");

    private static WorkflowOutcome outcomeOf(CompletionStage<WorkflowOutcome> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void closedPortIsUnavailableWithinTheTimeoutAndNothingIsThrown() throws Exception {
        try (WorkflowClient client = WorkflowClient.builder().baseUri(Ports.closedPortUri()).build()) {
            long start = System.nanoTime();
            var stage = client.executeWorkflow("closed-1", "task", TASK, "u");
            var outcome = outcomeOf(stage);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(outcome).isInstanceOf(Unavailable.class);
            var unavailable = (Unavailable) outcome;
            assertThat(unavailable.cause()).isEqualTo(Cause.CONNECTION_FAILED);
            assertThat(unavailable.statusCode()).isZero();
            assertThat(unavailable.traceId()).isEqualTo("closed-1");
            assertThat(unavailable.attempts()).isEqualTo(3);
            assertThat(tookMs).isLessThan(3500);
            assertThat(client.stats()).isEqualTo(new WorkflowStats(1, 0, 0, 1, 0, 2, 0));
        }
    }

    @Test
    void hangingServerIsUnavailableWithinTwoSecondsAndTheCallerReturnsAtOnce() throws Exception {
        try (HangingServer hanging = HangingServer.start();
             WorkflowClient client = WorkflowClient.builder().baseUri(hanging.baseUri()).build()) {
            long start = System.nanoTime();
            var stage = client.executeWorkflow("hang-1", "task", TASK, "u");
            boolean doneWhenReturned = stage.toCompletableFuture().isDone();
            long returnedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            var outcome = outcomeOf(stage);
            long endedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(doneWhenReturned).as("the call returned before the outcome was known").isFalse();
            assertThat(returnedMs).as("the call returned well inside the 2 s timeout").isLessThan(1000);
            assertThat(outcome).isInstanceOf(Unavailable.class);
            assertThat(((Unavailable) outcome).cause()).isEqualTo(Cause.TIMEOUT);
            assertThat(((Unavailable) outcome).message()).isEqualTo("no answer within PT2S");
            assertThat(endedMs).as("ended within the 2 s budget").isBetween(1500L, 3500L);
            assertThat(hanging.accepted()).isEqualTo(1);
            assertThat(client.stats()).isEqualTo(new WorkflowStats(1, 0, 0, 1, 0, 0, 0));
        }
    }

    @Test
    void answerThatStallsAfterItsHeadersIsUnavailableWithinTwoSeconds() throws Exception {
        try (HangingServer stalling = HangingServer.afterHeaders();
             WorkflowClient client = WorkflowClient.builder().baseUri(stalling.baseUri()).build()) {
            long start = System.nanoTime();
            var outcome = outcomeOf(client.executeWorkflow("stall-1", "task", TASK, null));
            long endedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(outcome).isInstanceOf(Unavailable.class);
            assertThat(((Unavailable) outcome).cause()).isEqualTo(Cause.TIMEOUT);
            assertThat(endedMs).isLessThan(3500);
            assertThat(client.stats().inFlight()).isZero();
        }
    }

    @Test
    void callsBeyondTheInFlightBoundAreDroppedAtOnceAndCounted() throws Exception {
        try (HangingServer hanging = HangingServer.start();
             WorkflowClient client = WorkflowClient.builder().baseUri(hanging.baseUri())
                     .timeout(Duration.ofSeconds(2)).maxInFlight(3).build()) {
            List<CompletionStage<WorkflowOutcome>> stages = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                stages.add(client.executeWorkflow("bound-" + i, "task", TASK, null));
            }
            long returnedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            for (int i = 0; i < 3; i++) {
                assertThat(stages.get(i).toCompletableFuture().isDone()).as("call %d still waiting", i).isFalse();
            }
            assertThat(returnedMs).as("ten calls returned well inside the 2 s timeout").isLessThan(1000);
            for (int i = 3; i < 10; i++) {
                var excess = stages.get(i).toCompletableFuture();
                assertThat(excess.isDone()).as("call %d already ended", i).isTrue();
                assertThat(excess.getNow(null)).isEqualTo(new Dropped("bound-" + i, 3));
            }
            assertThat(client.stats().dropped()).isEqualTo(7);
            assertThat(client.stats().inFlight()).isEqualTo(3);

            for (int i = 0; i < 3; i++) {
                assertThat(outcomeOf(stages.get(i))).isInstanceOf(Unavailable.class);
            }
            assertThat(client.stats()).isEqualTo(new WorkflowStats(3, 0, 0, 3, 7, 0, 0));
            // The slots are free again.
            var later = client.executeWorkflow("bound-later", "task", TASK, null);
            assertThat(later.toCompletableFuture().isDone()).isFalse();
        }
    }

    @Test
    void connectionResetIsRetriedWithTheSameTraceIdAndReachesTheExecutorOnce() throws Exception {
        try (FakeExecutor executor = FakeExecutor.start();
             ResettingProxy proxy = ResettingProxy.inFrontOf(executor.port());
             WorkflowClient client = WorkflowClient.builder().baseUri(proxy.baseUri()).build()) {
            var outcome = outcomeOf(client.executeWorkflow("reset-1", "task", TASK, "u"));

            assertThat(outcome).isInstanceOf(Delivered.class);
            assertThat(((Delivered) outcome).attempts()).isEqualTo(2);
            assertThat(((Delivered) outcome).succeeded()).isTrue();
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(executor.received()).hasSize(1);
            var received = executor.received().getFirst();
            assertThat(received.header("X-Trace-Id")).isEqualTo("reset-1");
            assertThat(received.body().path("trace_id").asText()).isEqualTo("reset-1");
            assertThat(received.body().path("data").path("payload").path("trace_id").asText()).isEqualTo("reset-1");
            assertThat(client.stats().retried()).isEqualTo(1);
        }
    }

    @Test
    void answerLostAfterTheRequestArrivedIsRetriedWithTheSameTraceIdAndBody() throws Exception {
        try (FakeExecutor executor = FakeExecutor.start();
             ResettingProxy proxy = ResettingProxy.losingFirstAnswer(executor.port());
             WorkflowClient client = WorkflowClient.builder().baseUri(proxy.baseUri()).build()) {
            var outcome = outcomeOf(client.executeWorkflow("lost-1", "task", TASK, "u"));

            assertThat(outcome).isInstanceOf(Delivered.class);
            assertThat(((Delivered) outcome).attempts()).isEqualTo(2);
            // Both requests reached the executor: only its idempotency on the trace_id makes this safe.
            var received = executor.received();
            assertThat(received).hasSize(2);
            assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
            assertThat(received.get(0).header("X-Trace-Id")).isEqualTo("lost-1");
            assertThat(received.get(1).header("X-Trace-Id")).isEqualTo("lost-1");
        }
    }

    @Test
    void noRetryBudgetMeansOneAttempt() throws Exception {
        try (WorkflowClient client = WorkflowClient.builder().baseUri(Ports.closedPortUri()).maxRetries(0).build()) {
            var outcome = (Unavailable) outcomeOf(client.executeWorkflow("once-1", "task", TASK, null));

            assertThat(outcome.attempts()).isEqualTo(1);
            assertThat(client.stats().retried()).isZero();
        }
    }

    @Test
    void healthIsFalseForAClosedPortAndForAHangingServerWithinTheTimeout() throws Exception {
        try (HangingServer hanging = HangingServer.start();
             WorkflowClient down = WorkflowClient.builder().baseUri(Ports.closedPortUri()).build();
             WorkflowClient hung = WorkflowClient.builder().baseUri(hanging.baseUri())
                     .timeout(Duration.ofMillis(500)).build()) {
            long start = System.nanoTime();
            CompletableFuture<Boolean> hungHealth = hung.health().toCompletableFuture();
            assertThat(hungHealth.isDone()).as("health() returned before the probe ended").isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);

            assertThat(down.health().toCompletableFuture().get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(hungHealth.get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2500);
        }
    }

    @Test
    void closingTheClientEndsCallsInProgressAsClosed() throws Exception {
        try (HangingServer hanging = HangingServer.start()) {
            WorkflowClient client = WorkflowClient.builder().baseUri(hanging.baseUri()).build();
            var stage = client.executeWorkflow("close-1", "task", TASK, null);
            await().atMost(Duration.ofSeconds(2)).until(() -> hanging.accepted() == 1);

            client.close();

            var outcome = (Unavailable) outcomeOf(stage);
            assertThat(outcome.cause()).isEqualTo(Cause.CLOSED);
            assertThat(client.stats().inFlight()).isZero();
        }
    }
}
