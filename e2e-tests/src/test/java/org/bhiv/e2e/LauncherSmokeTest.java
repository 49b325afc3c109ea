package org.bhiv.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jars, started as five separate processes by the launcher a newcomer uses
 * ({@code bin/stack}), as a newcomer and the ecosystem's existing clients use them: the
 * integration guide's steps as written, the original Python clients' exact requests (no token),
 * one decision through Core, {@code bin/stack send} and {@code trace}, and a clean stop after
 * which {@code status} says the stack is down. Ports, run, log and data directories are private
 * to the test, so a stack a developer runs on the default ports is not touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherSmokeTest {

    @TempDir
    static Path dir;
    private static final List<Long> PIDS = new ArrayList<>();
    private static LauncherStack launcher;
    private static boolean stopped;

    @BeforeAll
    static void start() throws Exception {
        launcher = LauncherStack.start(dir);
        recordPids();
        assertThat(PIDS).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
    }

    @AfterAll
    static void stopIfStillRunning() throws Exception {
        if (!stopped) {
            stack("stop");
        }
    }

    @Test
    @Order(1)
    void theIntegrationGuidesStepsWorkAsWritten() throws Exception {
        // Step 2: health of all four.
        for (String url : List.of(url(0, "/health"), url(1, "/health"), url(2, "/health"), url(3, "/healthz"))) {
            Http.Answer health = Http.get(url, null);
            assertThat(health.status()).as(url).isEqualTo(200);
            assertThat(health.json().path("status").asText()).as(url).isIn("healthy", "ok");
        }
        // Step 3: the execute curl, no token, its body byte for byte.
        byte[] body = Files.readAllBytes(Repo.root().resolve("e2e-tests/src/test/resources/guide/step3-execute.json"));
        RawHttp.Answer executed = RawHttp.send(launcher.port(LauncherStack.EXECUTOR), "POST", "/api/workflow/execute",
                Map.of("Content-Type", "application/json"), body);
        assertThat(executed.status()).as(executed.body()).isEqualTo(200);
        JsonNode answer = Json.mapper().readTree(executed.body());
        assertThat(answer.path("trace_id").asText()).isEqualTo("test_123");
        assertThat(answer.path("status").asText()).isEqualTo("success");
        // Step 4: Bucket has the event (anonymous read, grep workflow_execution), Karma the profile.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Http.get(url(1, "/core/events"), null).body()).contains("workflow_execution", "test_123"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Http.Answer karma = Http.get(url(0, "/api/v1/karma/test_user"), null);
            assertThat(karma.status()).as(karma.body()).isEqualTo(200);
            assertThat(karma.json().path("recent_events").findValuesAsText("trace_id")).contains("test_123");
        });
    }

    @Test
    @Order(2)
    void theOriginalClientsExactRequestsAreExecutedAndTheirEventsReachBucket() throws Exception {
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(Repo.root().resolve("e2e-tests/src/test/resources/clients"))) {
            fixtures = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(5);
        for (Path fixture : fixtures) {
            JsonNode request = Json.mapper().readTree(fixture.toFile());
            Map<String, String> headers = new LinkedHashMap<>();
            request.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            assertThat(headers.keySet()).as("%s sends no token", fixture).noneMatch(h -> h.equalsIgnoreCase("Authorization"));
            byte[] body = request.has("body") ? request.get("body").toString().getBytes(StandardCharsets.UTF_8) : null;
            RawHttp.Answer answer = RawHttp.send(launcher.port(LauncherStack.EXECUTOR), request.path("method").asText(), request.path("path").asText(),
                    headers, body);
            assertThat(answer.status()).as("%s: %s", fixture.getFileName(), answer.body()).isEqualTo(200);
            if (body == null) {
                continue;
            }
            JsonNode json = Json.mapper().readTree(answer.body());
            String traceId = request.at("/body/trace_id").asText();
            assertThat(json.path("status").asText()).as("%s: %s", fixture.getFileName(), answer.body()).isEqualTo("success");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode events = Http.get(url(1, "/core/events?trace_id=" + traceId), token("OPERATOR_TOKEN")).json();
                assertThat(events.path("events").findValuesAsText("event_type")).as(traceId).contains("workflow_execution");
                assertThat(events.path("events").findValuesAsText("status")).as(traceId).contains("success");
            });
        }
    }

    @Test
    @Order(3)
    void oneDecisionThroughCoreIsFollowedByBinStackTrace() throws Exception {
        Http.Answer answer = Http.post(url(2, "/handle_task"), null,
                Map.of("agent", "edumentor_agent", "input", "Create a task to review the launcher", "user_id", "smoke_user"));
        assertThat(answer.status()).as("Core without a token: %s", answer.body()).isEqualTo(200);
        String taskId = answer.json().path("task_id").asText();
        assertThat(answer.json().at("/agent_output/workflow_action_type").asText()).isEqualTo("task");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode executions = Http.get(url(3, "/api/workflow/executions/" + taskId), token("OPERATOR_TOKEN")).json();
            assertThat(executions.at("/executions/0/deliveries/bucket/state").asText()).isEqualTo("delivered");
            assertThat(executions.at("/executions/0/deliveries/karma/state").asText()).isEqualTo("delivered");
        });
        assertThat(Files.readString(dir.resolve("logs/executor.log"))).contains("EXECUTION_SUCCESS | trace_id=" + taskId);
        Pattern utcLine = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z [A-Z]+ .*");
        for (String log : List.of("logs/executor.log", "logs/executor.out", "logs/core.out")) {
            assertThat(Files.readAllLines(dir.resolve(log))).as("%s: one line per record, UTC time with its zone", log)
                    .filteredOn(line -> line.contains(" - ")).isNotEmpty().allMatch(line -> utcLine.matcher(line).matches());
        }

        LauncherStack.Result trace = stack("trace", taskId);
        assertThat(trace.exit()).as(trace.output()).isZero();
        assertThat(trace.output()).contains("trace " + taskId, "+0 ms", "core      decided task",
                "executor  success", "bucket    seq", "agent_result from bhiv_core", "workflow_execution from workflow_executor",
                "event delivered to bucket", "event delivered to karma", "karma     workflow_success for user smoke_user");
        assertThat(lineIndex(trace.output(), "core      decided")).as("Core decides first")
                .isLessThan(lineIndex(trace.output(), "executor  received"));
        assertThat(stack("trace", "never_sent_anywhere").exit()).as("an unknown trace").isEqualTo(1);
        assertThat(stack("trace").exit()).as("usage").isEqualTo(2);
    }

    @Test
    @Order(4)
    void binStackSendSendsASampleOfEachTypeAndPrintsItsTraceId() throws Exception {
        for (String type : List.of("task", "email", "whatsapp", "ai")) {
            LauncherStack.Result sent = stack("send", type);
            assertThat(sent.exit()).as(sent.output()).isZero();
            Matcher traceId = Pattern.compile("trace_id: (\\S+)").matcher(sent.output());
            assertThat(traceId.find()).as(sent.output()).isTrue();
            assertThat(sent.output()).contains("status: success");
            JsonNode executions = Http.get(url(3, "/api/workflow/executions/" + traceId.group(1)), token("OPERATOR_TOKEN")).json();
            assertThat(executions.at("/executions/0/action_type").asText()).isEqualTo(type);
        }
        LauncherStack.Result custom = stack("send", "task", "title=Review the smoke test", "trace_id=smoke_send_1");
        assertThat(custom.output()).contains("trace_id: smoke_send_1");
        assertThat(Http.get(url(3, "/api/workflow/executions/smoke_send_1"), token("OPERATOR_TOKEN")).json()
                .at("/executions/0/result/task_id").asText()).startsWith("task_");
        LauncherStack.Result refused = stack("send", "whatsapp", "recipient=12345");
        assertThat(refused.exit()).as("a failed workflow: %s", refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("invalid_recipient");
        assertThat(stack("status").exit()).as("status while all five are up").isZero();
    }

    @Test
    @Order(5)
    void everyServiceExportsJvmProcessAndItsOwnDomainMetrics() {
        // After the decisions above: Core fired workflows, Bucket stored both pillars' events, Karma applied them.
        Map<Integer, List<String>> own = Map.of(
                0, List.of("karma_events_total{action=\"workflow_success\",duplicate=\"false\",route=\"event\""),
                1, List.of("bucket_events_total{event_type=\"workflow_execution\",requester=\"workflow_executor\"",
                        "bucket_events_total{event_type=\"agent_result\",requester=\"bhiv_core\"", "bucket_audit_chain_length",
                        "bucket_duplicates_total"),
                2, List.of("core_workflows_total{outcome=\"sent\"", "core_workflows_total{outcome=\"failed\"",
                        "core_workflows_total{outcome=\"dropped\"", "core_agent_results_total{outcome=\"delivered\""),
                3, List.of("refusals_total{reason=\"unauthenticated\",", "status=\"401\""));
        Http.get(url(3, "/api/tasks/anything"), null); // one refusal for refusals_total
        own.forEach((service, names) -> {
            String metrics = Http.get(url(service, "/observe/metrics"), null).body();
            assertThat(metrics).as("service on port %d", launcher.port(service))
                    .contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_", "jvm_threads_live_threads",
                            "process_cpu_usage", "process_files_open_files", "process_uptime_seconds")
                    .contains(names);
        });
    }

    @Test
    @Order(6)
    void karmaAndBucketKeepWhatTheyHadAcrossBinStackRestart() throws Exception {
        // Karma's journal is on in the launcher, like Bucket's: smoke_user (order 3) survives a restart
        Http.Answer karma = Http.get(url(0, "/api/v1/karma/smoke_user"), token("OPERATOR_TOKEN"));
        assertThat(karma.status()).as(karma.body()).isEqualTo(200);
        Http.Answer bucket = Http.get(url(1, "/core/events?limit=1000&event_type=workflow_execution"), token("OPERATOR_TOKEN"));

        assertThat(stack("restart").exit()).as("bin/stack restart exit code").isZero();
        recordPids();

        Http.Answer karmaAfter = Http.get(url(0, "/api/v1/karma/smoke_user"), token("OPERATOR_TOKEN"));
        assertThat(karmaAfter.json()).as("smoke_user's karma after bin/stack restart").isEqualTo(karma.json());
        Http.Answer bucketAfter = Http.get(url(1, "/core/events?limit=1000&event_type=workflow_execution"), token("OPERATOR_TOKEN"));
        assertThat(bucketAfter.json().path("events")).as("Bucket's records after bin/stack restart")
                .isEqualTo(bucket.json().path("events"));
    }

    @Test
    @Order(7)
    void stopLeavesNothingBehindAndStatusThenSaysDown() throws Exception {
        stopped = true;
        assertThat(stack("stop").exit()).as("bin/stack stop exit code").isZero();
        assertThat(PIDS).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true)));
        for (int port : launcher.ports()) {
            assertThat(portOpen(port)).as("port %d closed after stop", port).isFalse();
        }
        LauncherStack.Result status = stack("status");
        assertThat(status.exit()).as(status.output()).isEqualTo(1);
        assertThat(status.output()).contains("5 of 5 services down");
        assertThat(stack("send", "task").exit()).as("send with the stack down").isEqualTo(3);
    }

    private static void recordPids() throws IOException {
        PIDS.clear();
        for (int service = 0; service < LauncherStack.SERVICES.size(); service++) {
            PIDS.add(launcher.pid(service));
        }
    }

    private static LauncherStack.Result stack(String... args) throws IOException, InterruptedException {
        return launcher.run(args);
    }

    private static String url(int service, String path) {
        return launcher.url(service, path);
    }

    private static String token(String name) {
        return launcher.token(name);
    }

    private static int lineIndex(String text, String part) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean portOpen(int port) {
        try (var socket = new java.net.Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
