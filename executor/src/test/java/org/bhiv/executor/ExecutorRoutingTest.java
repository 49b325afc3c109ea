package org.bhiv.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.sandbox.SandboxService;
import org.bhiv.executor.adapters.task.TaskAdapter;
import org.bhiv.executor.adapters.task.TaskService;
import org.bhiv.executor.adapters.whatsapp.WhatsAppAdapter;
import org.bhiv.executor.engine.AdapterRegistry;
import org.bhiv.executor.engine.ExecutionEngine;
import org.bhiv.executor.executions.ExecutionsService;
import org.bhiv.executor.idempotency.Idempotency;
import org.bhiv.executor.operations.DeadEventsService;
import org.bhiv.executor.operations.DeadLetterMeters;
import org.bhiv.executor.operations.ExecutionListService;
import org.bhiv.executor.operations.Redeliveries;
import org.bhiv.executor.outbox.DeliveryStates;
import org.bhiv.executor.outbox.IntegrationsConfig;
import org.bhiv.executor.outbox.Outbox;
import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.DeadEvents;
import org.bhiv.executor.store.ExecutionQueries;
import org.bhiv.executor.store.JdbcExecutionStore;
import org.bhiv.executor.store.JdbcSandboxRecorder;
import org.bhiv.executor.store.JdbcTaskStore;
import org.bhiv.executor.store.StoreConfig;
import org.bhiv.executor.store.StoreHealth;
import org.bhiv.executor.workflow.ExecutionPipeline;
import org.bhiv.executor.workflow.WorkflowCounters;
import org.bhiv.executor.workflow.WorkflowService;
import org.bhiv.server.Json;
import org.bhiv.server.ProblemHandlers;
import org.bhiv.server.auth.AnonymousAccess;
import org.bhiv.server.auth.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Main#routing} in memory ({@code @RoutingTest}: no socket, no dispatcher, no key purge):
 * every endpoint is where the contract puts it, behind the token filter with the identities of
 * {@code executor.callers}. The services are the real ones on a real H2 file.
 */
@RoutingTest
class ExecutorRoutingTest {

    private static Path dir;
    private static Database database;

    private final DirectClient client;

    ExecutorRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) throws IOException {
        dir = Files.createTempDirectory("executor-routing");
        database = Database.open(new StoreConfig("", dir, "", "", 2, Duration.ofSeconds(2)));
        Clock clock = Clock.systemUTC();
        Config config = Config.just(ConfigSources.create(Map.of(
                "integrations.bucket.url", "http://127.0.0.1:9/bucket",
                "integrations.karma.url", "http://127.0.0.1:9/karma",
                "executor.callers.read", "operator")));
        Tokens tokens = Tokens.of("core-token", "bhiv_core", "operator-token", "operator", "karma-token", "karma");
        AnonymousAccess anonymous = AnonymousAccess.create(config.get("security"), Set.of(WorkflowService.OPERATION));
        ExecutorConfig executorConfig = ExecutorConfig.create(config.get("executor"));
        var executions = new JdbcExecutionStore(database, Duration.ofMinutes(2), Duration.ofHours(24), clock);
        var outbox = Outbox.create(database, IntegrationsConfig.create(config.get("integrations")),
                Services.get(MeterRegistry.class), clock);
        var recorder = new JdbcSandboxRecorder(database, clock);
        var tasks = new JdbcTaskStore(database);
        Config adapters = config.get("executor.adapters");
        var engine = new ExecutionEngine(new AdapterRegistry(List.of(
                WhatsAppAdapter.create(new ProviderContext(AdapterConfig.create(adapters, "whatsapp"), recorder, clock)),
                TaskAdapter.create(new ProviderContext(AdapterConfig.create(adapters, "task"), recorder, clock), tasks))),
                clock);
        var counters = new WorkflowCounters();
        var deadEvents = new DeadEvents(database);
        var pipeline = new ExecutionPipeline(new Idempotency(executions), engine, outbox, counters, clock);
        var endpoints = new Main.Endpoints(
                new HealthService(anonymous.mode(tokens), executorConfig, counters, new StoreHealth(database),
                        outbox::snapshot, clock),
                new WorkflowService(pipeline, executorConfig.executors(), anonymous, executorConfig.maxBodySize()),
                new ExecutionListService(new ExecutionQueries(database), executorConfig.readers()),
                new ExecutionsService(executions, new DeliveryStates(database)::byTrace, executorConfig.readers()),
                new DeadEventsService(new Redeliveries(deadEvents,
                        new DeadLetterMeters(Services.get(MeterRegistry.class), deadEvents::depth), outbox::afterCommit,
                        clock), executorConfig.operators()),
                new TaskService(tasks, executorConfig.readers()),
                new SandboxService(recorder, executorConfig.readers()));
        ProblemHandlers.register(routing);
        Main.routing(routing, tokens, endpoints);
    }

    @AfterAll
    static void close() throws IOException {
        database.close();
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void healthzNeedsNoToken() {
        JsonNode health = json(client.get("/healthz").request(), 200);
        assertThat(health.path("service").asText()).isEqualTo("workflow-executor");
        assertThat(health.path("auth").asText()).isEqualTo("tokens");
        assertThat(health.path("store").path("ok").asBoolean()).isTrue();
    }

    @Test
    void executeNeedsAnExecutingIdentity() {
        String body = "{\"trace_id\":\"routing-1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\",\"payload\":"
                + "{\"action_type\":\"task\",\"title\":\"Review\"}}}";
        assertThat(post(null, body).status()).isEqualTo(Status.UNAUTHORIZED_401);
        assertThat(post("karma-token", body).status()).isEqualTo(Status.FORBIDDEN_403);

        JsonNode answer = json(post("core-token", body), 200);
        assertThat(answer.path("status").asText()).isEqualTo("success");
        String taskId = answer.path("execution_result").path("task_id").asText();

        // executor.callers.read is operator only here: bhiv_core may execute but not read
        assertThat(get("core-token", "/api/workflow/executions/routing-1").status()).isEqualTo(Status.FORBIDDEN_403);
        JsonNode executions = json(get("operator-token", "/api/workflow/executions/routing-1"), 200);
        assertThat(executions.toString()).contains("routing-1").contains("pending");
        assertThat(json(get("operator-token", "/api/tasks/" + taskId), 200).path("task_id").asText()).isEqualTo(taskId);
    }

    @Test
    void theListIsForReadersAndRedeliveryForOperators() {
        String body = "{\"trace_id\":\"routing-3\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"task\",\"title\":\"Listed\"}}}";
        assertThat(json(post("core-token", body), 200).path("status").asText()).isEqualTo("success");

        assertThat(get("core-token", "/api/workflow/executions").status()).isEqualTo(Status.FORBIDDEN_403);
        var listed = client.get("/api/workflow/executions").queryParam("action_type", "task")
                .header(HeaderNames.AUTHORIZATION, "Bearer operator-token").request();
        assertThat(json(listed, 200).path("executions").toString()).contains("routing-3");
        try (var refused = client.post("/api/workflow/dead-events/redeliver")
                .header(HeaderNames.AUTHORIZATION, "Bearer core-token")
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit("{}")) {
            assertThat(refused.status()).isEqualTo(Status.FORBIDDEN_403);
        }
    }

    @Test
    void sandboxRecordsAreReadByReaders() {
        String body = "{\"trace_id\":\"routing-2\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\",\"payload\":"
                + "{\"action_type\":\"whatsapp\",\"recipient\":\"+919876543210\",\"message\":\"hi\"}}}";
        assertThat(json(post("core-token", body), 200).path("status").asText()).isEqualTo("success");
        JsonNode records = json(get("operator-token", "/api/sandbox/routing-2"), 200);
        assertThat(records.toString()).contains("whatsapp");
    }

    @Test
    void unknownPathIsAProblem() {
        try (HttpClientResponse res = get("operator-token", "/api/nothing")) {
            assertThat(res.status()).isEqualTo(Status.NOT_FOUND_404);
            assertThat(res.headers().contentType().map(Object::toString).orElse("")).contains("problem+json");
        }
    }

    private HttpClientResponse post(String token, String body) {
        var request = client.post("/api/workflow/execute").header(HeaderNames.CONTENT_TYPE, "application/json");
        if (token != null) {
            request.header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        return request.submit(body);
    }

    private HttpClientResponse get(String token, String path) {
        return client.get(path).header(HeaderNames.AUTHORIZATION, "Bearer " + token).request();
    }

    private static JsonNode json(HttpClientResponse response, int status) {
        try (response) {
            String text = response.as(String.class);
            assertThat(response.status().code()).as(text).isEqualTo(status);
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON", e);
        }
    }
}
