package org.bhiv.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CONTRACTS 3.4 and 4 under real crashes: the packaged executor is killed with SIGKILL three
 * times (right after answers with deliveries in flight, with a backlog while Bucket and Karma are
 * down, and while that backlog drains) and restarted on the same data directory. Every answered
 * execution must replay without running its adapter again, and every execution's events must be
 * recorded by Bucket and Karma exactly once (delivery is at least once; the receivers drop
 * redeliveries by event_id).
 */
class ExecutorCrashTest {

    private static final int SENDERS = 8;
    private static final int PER_PHASE = 100;

    /** What one request got before a crash: its body, and its answer when it was answered. */
    private record Sent(String body, Http.Answer answer) {
    }

    @Test
    void answeredExecutionsReplayAndEveryEventArrivesOnceAfterKillNine(@TempDir Path dir) throws Exception {
        try (Stack peers = Stack.peers(dir)) {
            String bucket = peers.url(StackService.BUCKET);
            String karma = peers.url(StackService.KARMA);
            Map<String, Sent> sent = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();

            // 1: killed right after its 100th answer, with requests and deliveries in flight
            ServiceProcess executor = ServiceProcess.executor(dir, bucket, karma);
            sendThenCrash(executor, next, sent, PER_PHASE);

            // 2: Bucket and Karma unreachable (a closed port: the stand-ins keep what they have), so every
            // new event is pending when it is killed
            String down = "http://127.0.0.1:" + closedPort();
            executor = ServiceProcess.executor(dir, down, down);
            sendThenCrash(executor, next, sent, PER_PHASE);

            // 3: the sinks are reachable again; killed as soon as the backlog starts to drain
            long before = bucketRecords(bucket).size();
            executor = ServiceProcess.executor(dir, bucket, karma);
            ServiceProcess draining = executor;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> bucketRecords(bucket).size() > before);
            draining.crash();

            executor = ServiceProcess.executor(dir, bucket, karma);
            try {
                assertEveryAnsweredExecutionReplays(executor, sent);
                resendUnanswered(executor, sent);
                assertOneExecutionPerTrace(executor, sent);
                assertEveryEventRecordedOnce(bucket, karma, sent);
            } finally {
                executor.close();
            }
        }
    }

    /**
     * Sends from several threads and kills the executor as soon as {@code answers} requests were
     * answered 200, while the other threads' requests are still in flight (those stay unanswered).
     */
    private static void sendThenCrash(ServiceProcess executor, AtomicInteger next, Map<String, Sent> sent,
                                      int answers) throws Exception {
        CrashUnderLoad.run(executor, SENDERS, answers, crashed -> {
            String traceId = "crash-" + next.getAndIncrement();
            String body = body(traceId);
            sent.put(traceId, new Sent(body, null));
            Http.Answer answer = Http.post(executor.url() + "/api/workflow/execute", Stack.CORE_TOKEN, body);
            if (answer.status() != 200 || crashed.getAsBoolean()) {
                return false;
            }
            sent.put(traceId, new Sent(body, answer));
            return true;
        });
    }

    private static void assertEveryAnsweredExecutionReplays(ServiceProcess executor, Map<String, Sent> sent) {
        List<Map.Entry<String, Sent>> answered = sent.entrySet().stream().filter(e -> e.getValue().answer() != null)
                .toList();
        assertThat(answered).as("answered before the crashes").hasSizeGreaterThanOrEqualTo(2 * PER_PHASE);
        for (var entry : answered) {
            Http.Answer replay = Http.post(executor.url() + "/api/workflow/execute", Stack.CORE_TOKEN,
                    entry.getValue().body());
            assertThat(replay.status()).as(entry.getKey()).isEqualTo(200);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).as(entry.getKey() + " replayed")
                    .contains("true");
            assertThat(replay.json()).as(entry.getKey() + " answered as before").isEqualTo(entry.getValue().answer().json());
        }
    }

    /**
     * A request that was in flight at a crash is sent again: it executes now, or replays if it had
     * committed. Never 409: a task on the sandbox acts only on the executor's database, so its
     * claim was held in memory and died with the process (docs/executor-store.md).
     */
    private static void resendUnanswered(ServiceProcess executor, Map<String, Sent> sent) {
        sent.replaceAll((traceId, s) -> {
            if (s.answer() != null) {
                return s;
            }
            Http.Answer answer = Http.post(executor.url() + "/api/workflow/execute", Stack.CORE_TOKEN, s.body());
            assertThat(answer.status()).as(traceId + ": " + answer.body()).isEqualTo(200);
            return new Sent(s.body(), answer);
        });
    }

    private static void assertOneExecutionPerTrace(ServiceProcess executor, Map<String, Sent> sent) {
        for (String traceId : sent.keySet()) {
            Http.Answer lookup = Http.get(executor.url() + "/api/workflow/executions/" + traceId, Stack.OPERATOR_TOKEN);
            assertThat(lookup.status()).as(traceId).isEqualTo(200);
            assertThat(lookup.json().path("executions").size()).as(traceId + ": executions stored").isEqualTo(1);
        }
    }

    private static void assertEveryEventRecordedOnce(String bucket, String karma, Map<String, Sent> sent) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Long> perTrace = bucketRecords(bucket).stream()
                    .collect(Collectors.groupingBy(e -> e.path("trace_id").asText(), Collectors.counting()));
            assertThat(perTrace.keySet()).as("a Bucket record for every execution").containsAll(sent.keySet());
        });
        Map<String, Long> perTrace = bucketRecords(bucket).stream()
                .collect(Collectors.groupingBy(e -> e.path("trace_id").asText(), Collectors.counting()));
        assertThat(perTrace).as("Bucket records per trace").hasSize(sent.size());
        assertThat(perTrace.values()).as("Bucket records per trace").containsOnly(1L);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String traceId : sent.keySet()) {
                assertThat(karmaEvents(karma, traceId)).as("Karma events of " + traceId).isEqualTo(1);
            }
        });
    }

    private static List<JsonNode> bucketRecords(String bucket) {
        Http.Answer answer = Http.get(bucket + "/core/events?limit=1000&event_type=workflow_execution",
                Stack.OPERATOR_TOKEN);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return Workflows.list(answer.json().path("events")).stream()
                .map(e -> e.has("event_data") ? e.path("event_data") : e).toList();
    }

    private static long karmaEvents(String karma, String traceId) {
        Http.Answer answer = Http.get(karma + "/api/v1/karma/" + user(traceId), Stack.OPERATOR_TOKEN);
        if (answer.status() == 404) {
            return 0;
        }
        return Workflows.list(answer.json().path("recent_events")).stream()
                .filter(e -> traceId.equals(e.path("trace_id").asText())).count();
    }

    private static String body(String traceId) {
        return """
                {"trace_id": "%s", "decision": "workflow", "data": {"workflow_type": "workflow",
                 "payload": {"action_type": "task", "title": "Crash test %s", "user_id": "%s"}}}"""
                .formatted(traceId, traceId, user(traceId));
    }

    private static String user(String traceId) {
        return "u-" + traceId;
    }

    private static int closedPort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
