package org.bhiv.core;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import org.bhiv.bridge.WorkflowClient;
import org.bhiv.bridge.WorkflowStats;

/**
 * Core's own meters in {@code /observe/metrics}, read from the counters the bridge and the
 * agent_result sink keep anyway (the ones {@code /health} shows): {@code core_workflows_total}
 * by {@code outcome} (sent, delivered, failed, rejected, unavailable, dropped, retried),
 * {@code core_workflows_in_flight}, and {@code core_agent_results_total} by {@code outcome}
 * (sent, delivered, failed, dropped) for the events written to Bucket.
 */
final class CoreMeters {

    private CoreMeters() {
    }

    static void register(MeterRegistry registry, WorkflowClient workflows, AgentResultSink agentResults) {
        Map<String, ToLongFunction<WorkflowStats>> outcomes = Map.of(
                "sent", WorkflowStats::sent, "delivered", WorkflowStats::delivered, "failed", WorkflowStats::failed,
                "rejected", WorkflowStats::rejected, "unavailable", WorkflowStats::unavailable,
                "dropped", WorkflowStats::dropped, "retried", WorkflowStats::retried);
        outcomes.forEach((outcome, value) -> registry.getOrCreate(FunctionalCounter.builder("core.workflows", workflows,
                        w -> value.applyAsLong(w.stats()))
                .description("Workflows fired at the executor through core-bridge, by outcome")
                .tags(List.of(Tag.create("outcome", outcome)))));
        registry.getOrCreate(Gauge.builder("core.workflows.in.flight", workflows, w -> w.stats().inFlight())
                .description("Workflow calls in progress"));
        for (String outcome : new String[] {"sent", "delivered", "failed", "dropped"}) {
            registry.getOrCreate(FunctionalCounter.builder("core.agent.results", agentResults,
                            sink -> ((Number) sink.stats().get(outcome)).longValue())
                    .description("agent_result events written to Bucket, by outcome")
                    .tags(List.of(Tag.create("outcome", outcome))));
        }
    }
}
