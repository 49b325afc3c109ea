package org.bhiv.bridge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.bhiv.bridge.testing.FakeExecutor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One shared client used from many threads at once: every call ends once, and the counters add up.
 */
class WorkflowClientConcurrencyTest {

    @Test
    void sharedClientServesManyThreadsAndItsCountersAddUp() throws Exception {
        int threads = 8;
        int callsPerThread = 50;
        try (FakeExecutor executor = FakeExecutor.start();
             WorkflowClient client = WorkflowClient.builder().baseUri(executor.baseUri()).maxInFlight(1000).build()) {
            var stages = new ConcurrentLinkedQueue<CompletableFuture<WorkflowOutcome>>();
            var start = new CountDownLatch(1);
            var workers = new java.util.ArrayList<Thread>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < callsPerThread; i++) {
                        stages.add(client.executeWorkflow("c-" + thread + "-" + i, "task", Map.of("title", "t"), null)
                                .toCompletableFuture());
                    }
                }));
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join(10_000);
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            List<WorkflowOutcome> outcomes = stages.stream().map(CompletableFuture::join).toList();
            assertThat(outcomes).hasSize(threads * callsPerThread).allMatch(o -> o instanceof WorkflowOutcome.Delivered);
            assertThat(outcomes.stream().map(WorkflowOutcome::traceId).distinct()).hasSize(threads * callsPerThread);
            assertThat(executor.received()).hasSize(threads * callsPerThread);
            // Retries are not counted here: under 400 concurrent calls the test server may close a pooled
            // keep-alive connection as the client reuses it, and the client rightly retries that call
            // (its outcome is still one Delivered). Every other counter is exact.
            WorkflowStats stats = client.stats();
            assertThat(new WorkflowStats(stats.sent(), stats.delivered(), stats.rejected(), stats.unavailable(),
                    stats.dropped(), 0, stats.inFlight())).isEqualTo(new WorkflowStats(400, 400, 0, 0, 0, 0, 0));
        }
    }
}
