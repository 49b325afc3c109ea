package org.bhiv.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jars, started as four separate processes by the launcher a newcomer uses
 * ({@code bin/stack}), one decision through the whole stack, then a clean stop that leaves no
 * process behind. Ports, run, log and data directories are private to the test, so a stack a
 * developer runs on the default ports is not touched.
 */
class LauncherSmokeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void launcherStartsTheStackCarriesOneDecisionThroughItAndStopsCleanly(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("STACK_NO_BUILD", "1");
        env.put("STACK_RUN_DIR", dir.resolve("run").toString());
        env.put("STACK_LOG_DIR", dir.resolve("logs").toString());
        env.put("STACK_DATA_DIR", dir.resolve("data").toString());
        List<Integer> ports = freePorts(4);
        env.put("KARMA_PORT", String.valueOf(ports.get(0)));
        env.put("BUCKET_PORT", String.valueOf(ports.get(1)));
        env.put("CORE_PORT", String.valueOf(ports.get(2)));
        env.put("EXECUTOR_PORT", String.valueOf(ports.get(3)));

        List<Long> pids = new ArrayList<>();
        try {
            assertThat(stack(env, dir, "start")).as("bin/stack start exit code").isZero();
            for (String svc : List.of("karma", "bucket", "core", "executor")) {
                pids.add(Long.parseLong(Files.readString(dir.resolve("run/" + svc + ".pid")).strip()));
            }
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
            Properties tokens = new Properties();
            try (var in = Files.newBufferedReader(dir.resolve("run/tokens.env"))) {
                tokens.load(in);
            }

            JsonNode answer = send("POST", ports.get(2), "/handle_task", null,
                    "{\"agent\":\"edumentor_agent\",\"input\":\"Create a task to review the launcher\",\"user_id\":\"smoke_user\"}");
            String taskId = answer.path("task_id").asText();
            assertThat(taskId).isNotBlank();
            assertThat(answer.path("agent_output").path("workflow_action_type").asText()).isEqualTo("task");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode events = send("GET", ports.get(1), "/core/events?trace_id=" + taskId, tokens.getProperty("OPERATOR_TOKEN"), null);
                assertThat(events.path("events").findValuesAsText("event_type")).contains("agent_result", "workflow_execution");
            });
            JsonNode executions = send("GET", ports.get(3), "/api/workflow/executions/" + taskId, tokens.getProperty("OPERATOR_TOKEN"), null);
            assertThat(executions.path("executions").get(0).path("status").asText()).isEqualTo("success");
            assertThat(Files.readString(dir.resolve("logs/executor.log"))).contains("EXECUTION_SUCCESS | trace_id=" + taskId);

            // Karma keeps its users across a restart (its journal is on in the launcher), like Bucket its records.
            JsonNode karma = await().atMost(Duration.ofSeconds(30)).until(
                    () -> sendOrNull(ports.get(0), "/api/v1/karma/smoke_user"), java.util.Objects::nonNull);
            assertThat(stack(env, dir, "restart")).as("bin/stack restart exit code").isZero();
            pids.clear();
            for (String svc : List.of("karma", "bucket", "core", "executor")) {
                pids.add(Long.parseLong(Files.readString(dir.resolve("run/" + svc + ".pid")).strip()));
            }
            JsonNode karmaAfter = send("GET", ports.get(0), "/api/v1/karma/smoke_user", null, null);
            assertThat(karmaAfter).as("smoke_user's karma after bin/stack restart").isEqualTo(karma);
            JsonNode events = send("GET", ports.get(1), "/core/events?trace_id=" + taskId, tokens.getProperty("OPERATOR_TOKEN"), null);
            assertThat(events.path("events").findValuesAsText("event_type")).contains("agent_result", "workflow_execution");
            System.out.println("karma after restart: " + karmaAfter);
        } finally {
            assertThat(stack(env, dir, "stop")).as("bin/stack stop exit code").isZero();
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true)));
        for (int port : ports) {
            assertThat(portOpen(port)).as("port %d closed after stop", port).isFalse();
        }
    }

    private static int stack(Map<String, String> env, Path dir, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", Repo.root().resolve("bin/stack").toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stack-" + command + ".txt").toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/stack " + command + " did not finish within 120 s");
        }
        System.out.println(Files.readString(dir.resolve("stack-" + command + ".txt")));
        return process.exitValue();
    }

    private static JsonNode send(String method, int port, String path, String token, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        HttpResponse<String> res = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(res.statusCode()).as("%s %s: %s", method, path, res.body()).isEqualTo(200);
        return Json.mapper().readTree(res.body());
    }

    /** @return the answer of an anonymous GET, {@code null} while it is not 200 */
    private static JsonNode sendOrNull(int port, String path) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return res.statusCode() == 200 ? Json.mapper().readTree(res.body()) : null;
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static boolean portOpen(int port) {
        try (var socket = new java.net.Socket("localhost", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
