package org.bhiv.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The integration guide's budgets (CONTRACTS section 9), measured over a few hundred requests
 * and asserted with the guide's numbers. The figures are printed and written to
 * {@code e2e-tests/target/budgets.md}; {@code docs/benchmarks.md} quotes a run.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BudgetsTest {

    private static final int REQUESTS = 300;
    private static final int WARM_UP = 50;

    @TempDir
    static Path dir;
    private static Stack stack;
    private static Workflows workflows;
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = Stack.start(dir, GracefulDegradationTest.FAST_RETRIES);
        workflows = new Workflows(stack);
    }

    @AfterAll
    static void stop() throws IOException {
        stack.close();
        Path out = Path.of("target", "budgets.md");
        Files.createDirectories(out.getParent());
        Files.write(out, REPORT);
        REPORT.forEach(System.out::println);
    }

    @Test
    @Order(1)
    void workflowExecutionAndIntegrationLoggingStayWithinTheGuidesBudgets() {
        run("warm-up", WARM_UP, stack.url(StackService.EXECUTOR));
        Map<String, Instant> answered = new HashMap<>();
        long[] latencies = run("sinks-up", REQUESTS, stack.url(StackService.EXECUTOR), answered);
        report("workflow execution, sinks up (ms)", latencies);
        assertThat(percentile(latencies, 99)).as("p99 workflow execution (ms)").isLessThan(1000);

        await().atMost(Duration.ofSeconds(30)).until(() -> storedAt(answered.keySet()).size() == answered.size());
        Map<String, Instant> stored = storedAt(answered.keySet());
        long[] lags = answered.entrySet().stream()
                .mapToLong(e -> Math.max(0, Duration.between(e.getValue(), stored.get(e.getKey())).toMillis()))
                .toArray();
        report("integration logging: answer -> stored in Bucket (ms)", lags);
        assertThat(percentile(lags, 99)).as("p99 answer -> Bucket (ms)").isLessThan(100);
    }

    @Test
    @Order(2)
    void integrationOverheadPerWorkflowIsUnder50Ms(@TempDir Path quietDir) {
        Map<String, String> config = new HashMap<>(Map.of(
                "server.port", "0", "logging.file", "",
                "executor.store.data-dir", quietDir.toString(),
                "integrations.bucket.enabled", "false",
                "integrations.karma.enabled", "false",
                "security.tokens.0.token", Stack.CORE_TOKEN, "security.tokens.0.identity", "bhiv_core"));
        WebServer quiet = StackService.EXECUTOR.start(config);
        try {
            String url = "http://localhost:" + quiet.port();
            run("warm-up-quiet", WARM_UP, url);
            long[] without = run("sinks-off", REQUESTS, url);
            long[] with = run("sinks-on", REQUESTS, stack.url(StackService.EXECUTOR));
            report("workflow execution, sinks disabled (ms)", without);
            report("workflow execution, sinks enabled (ms)", with);
            long overhead = percentile(with, 99) - percentile(without, 99);
            REPORT.add(String.format(Locale.ROOT, "| integration overhead, p99 difference (ms) | %d | | | |", overhead));
            assertThat(overhead).as("p99 overhead of the sinks (ms)").isLessThan(50);
        } finally {
            quiet.stop();
        }
    }

    @Test
    @Order(3)
    void bucketAndKarmaDownOrHangingDoNotSlowTheCaller() {
        long[] baseline = run("sinks-up-baseline", REQUESTS, stack.url(StackService.EXECUTOR));
        report("workflow execution, sinks up, just before the outage (ms)", baseline);
        long up = percentile(baseline, 99);
        stack.stop(StackService.BUCKET);
        stack.stop(StackService.KARMA);
        long[] down;
        try {
            down = run("sinks-down", REQUESTS, stack.url(StackService.EXECUTOR));
        } finally {
            stack.start(StackService.BUCKET);
            stack.start(StackService.KARMA);
        }
        report("workflow execution, Bucket and Karma down (ms)", down);
        assertThat(Http.post(stack.url(StackService.BUCKET) + "/admin/faults", Stack.OPERATOR_TOKEN,
                Map.of("delay_ms", 10_000)).status()).isEqualTo(200);
        long[] hanging;
        try {
            hanging = run("bucket-hanging", REQUESTS, stack.url(StackService.EXECUTOR));
        } finally {
            Http.send("DELETE", stack.url(StackService.BUCKET) + "/admin/faults", Stack.OPERATOR_TOKEN, null);
        }
        report("workflow execution, Bucket hanging (ms)", hanging);
        // "0 ms user impact": unchanged within noise. Noise on a shared 2-core machine is a few ms.
        assertThat(percentile(down, 99)).as("p99 with sinks down vs up (%d ms)", up).isLessThan(up + 50);
        assertThat(percentile(hanging, 99)).as("p99 with Bucket hanging vs up (%d ms)", up).isLessThan(up + 50);
    }

    @Test
    @Order(4)
    void anOutboundTimeoutOverTwoSecondsIsRefusedAtStart(@TempDir Path other) {
        Map<String, String> config = Map.of("server.port", "0", "logging.file", "",
                "executor.store.data-dir", other.toString(), "integrations.timeout", "PT3S");
        assertThatThrownBy(() -> StackService.EXECUTOR.start(config).stop())
                .hasMessageContaining("integrations.timeout");
    }

    // --- measuring -------------------------------------------------------------------------------

    private static long[] run(String label, int count, String executorUrl) {
        return run(label, count, executorUrl, null);
    }

    private static long[] run(String label, int count, String executorUrl, Map<String, Instant> answered) {
        long[] millis = new long[count];
        String user = "budget_user";
        for (int i = 0; i < count; i++) {
            String traceId = "budget-" + label + "-" + i + "-" + System.nanoTime();
            long started = System.nanoTime();
            Http.Answer answer = Workflows.execute(executorUrl, traceId,
                    Map.of("action_type", "task", "user_id", user, "title", "Budget " + i));
            millis[i] = (System.nanoTime() - started) / 1_000_000;
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            if (answered != null) {
                answered.put(traceId, Instant.now());
            }
        }
        return millis;
    }

    private static Map<String, Instant> storedAt(java.util.Set<String> traceIds) {
        Map<String, Instant> stored = new HashMap<>();
        for (JsonNode event : workflows.bucketEventsOfType("workflow_execution")) {
            String traceId = event.path("trace_id").asText();
            if (traceIds.contains(traceId)) {
                stored.put(traceId, Instant.parse(event.path("received_at").asText()));
            }
        }
        return stored;
    }

    private static void report(String what, long[] values) {
        if (REPORT.isEmpty()) {
            REPORT.add("| measure | n | p50 | p99 | max |");
            REPORT.add("|---|---|---|---|---|");
        }
        REPORT.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |", what, values.length,
                percentile(values, 50), percentile(values, 99), Arrays.stream(values).max().orElse(0)));
    }

    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
