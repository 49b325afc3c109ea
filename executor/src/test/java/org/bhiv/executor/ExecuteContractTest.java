package org.bhiv.executor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 3.1's processing order and 3.3's adapter error codes, one row per rule, against real
 * servers: an open one (small body limit), one with tokens, and one whose sandbox providers
 * fail on purpose (it also serves validation rows whose bodies exceed the open one's 4 KiB limit).
 */
class ExecuteContractTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String JSON = "application/json";

    private static TestExecutor open;
    private static TestExecutor secured;
    private static TestExecutor failing;

    @BeforeAll
    static void start() {
        open = TestExecutor.start(Map.of("executor.max-body-size", "4096"));
        secured = TestExecutor.start(Map.of(
                "security.tokens.0.token", "core-secret", "security.tokens.0.identity", "bhiv_core",
                "security.tokens.1.token", "operator-secret", "security.tokens.1.identity", "operator",
                "security.tokens.2.token", "executor-secret", "security.tokens.2.identity", "workflow_executor"));
        failing = TestExecutor.start(Map.of(
                "executor.adapters.whatsapp.sandbox.fail", "unavailable",
                "executor.adapters.email.sandbox.fail", "rejected",
                "executor.adapters.ai.sandbox.fail", "rate_limited",
                "executor.adapters.task.sandbox.fail", "timeout",
                "executor.adapters.task.timeout", "PT0.3S"));
    }

    @AfterAll
    static void stop() {
        open.close();
        secured.close();
        failing.close();
    }

    /** One rule: which server, what request, what answer. */
    record Row(String name, Server server, String contentType, String body, List<String> headers, int status,
               String answerType, Map<String, Object> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    enum Server { OPEN, SECURED, FAILING }

    static Stream<Row> rows() {
        var rows = new ArrayList<Row>();
        String task = workflow("t-auth", "{\"action_type\":\"task\",\"title\":\"T\"}");
        // 0. identity first, when tokens are configured
        rows.add(problem("no token is 401", Server.SECURED, task, List.of(), 401, "unauthenticated", Map.of()));
        rows.add(problem("unknown token is 401", Server.SECURED, task, List.of("Authorization", "Bearer nope"), 401,
                "unauthenticated", Map.of()));
        rows.add(problem("workflow_executor may not execute", Server.SECURED, task,
                List.of("Authorization", "Bearer executor-secret"), 403, "forbidden", Map.of()));
        rows.add(problem("identity is checked before the body", Server.SECURED, "{not json", List.of(), 401,
                "unauthenticated", Map.of()));
        rows.add(ok("bhiv_core may execute", Server.SECURED, task, List.of("Authorization", "Bearer core-secret"),
                Map.of("/status", "success", "/execution_result/task_id", "task_fdcb03b6baf29683")));
        rows.add(ok("operator may execute", Server.SECURED, task, List.of("Authorization", "bearer operator-secret"),
                Map.of("/status", "success")));
        // 1. body
        rows.add(problem("not JSON is malformed_json", Server.OPEN, "{\"trace_id\":", List.of(), 400, "malformed_json", Map.of()));
        rows.add(problem("a JSON array is malformed_json", Server.OPEN, "[1,2]", List.of(), 400, "malformed_json", Map.of()));
        rows.add(problem("duplicate keys are malformed_json", Server.OPEN, "{\"trace_id\":\"a\",\"trace_id\":\"b\"}",
                List.of(), 400, "malformed_json", Map.of()));
        rows.add(new Row("a non-JSON content type is 415", Server.OPEN, "text/plain", task, List.of(), 415, PROBLEM,
                Map.of("/error_code", "unsupported_media_type")));
        rows.add(problem("a body over the limit is 413", Server.OPEN,
                workflow("t-big", "{\"action_type\":\"ai\",\"prompt\":\"" + "x".repeat(5000) + "\"}"), List.of(), 413,
                "payload_too_large", Map.of()));
        // 2. shape: every field at once
        rows.add(fields("missing trace_id", "{\"decision\":\"respond\"}", "invalid_trace_id", "trace_id"));
        rows.add(fields("empty trace_id", "{\"trace_id\":\"\",\"decision\":\"respond\"}", "invalid_trace_id", "trace_id"));
        rows.add(fields("trace_id over 128 characters", "{\"trace_id\":\"" + "a".repeat(129) + "\",\"decision\":\"respond\"}",
                "invalid_trace_id", "trace_id"));
        rows.add(fields("trace_id with a space", "{\"trace_id\":\"a b\",\"decision\":\"respond\"}", "invalid_trace_id", "trace_id"));
        rows.add(fields("trace_id with a line break", "{\"trace_id\":\"a\\nEXECUTION_SUCCESS\",\"decision\":\"respond\"}",
                "invalid_trace_id", "trace_id"));
        // text that is not valid Unicode is refused when the body is parsed, naming the field
        rows.add(notUnicode("trace_id with an unpaired surrogate", "{\"trace_id\":\"sg\\ud800x\",\"decision\":\"respond\"}",
                "trace_id"));
        rows.add(fields("trace_id that is a number", "{\"trace_id\":42,\"decision\":\"respond\"}", "invalid_trace_id", "trace_id"));
        rows.add(fields("missing decision", "{\"trace_id\":\"t1\"}", "invalid_decision", "decision"));
        rows.add(fields("unknown decision", "{\"trace_id\":\"t1\",\"decision\":\"launch\"}", "invalid_decision", "decision"));
        rows.add(fields("data that is not an object", "{\"trace_id\":\"t1\",\"decision\":\"workflow\",\"data\":[]}",
                "invalid_workflow_data", "data"));
        rows.add(fields("workflow_type other than workflow",
                "{\"trace_id\":\"t1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"x\",\"payload\":{\"a\":1}}}",
                "invalid_workflow_data", "data.workflow_type"));
        rows.add(fields("payload that is not an object",
                "{\"trace_id\":\"t1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\",\"payload\":\"p\"}}",
                "invalid_workflow_data", "data.payload"));
        rows.add(fields("payload.trace_id that differs", workflow("t1", "{\"trace_id\":\"t2\",\"action_type\":\"task\"}"),
                "trace_id_mismatch", "data.payload.trace_id"));
        // 2. shape: the payload fields that reach the Bucket and Karma events
        String wa = "\"action_type\":\"whatsapp\",\"recipient\":\"+919876543210\",\"message\":\"hi\"";
        rows.add(fields("user_id over 128 characters", workflow("t-u1", "{" + wa + ",\"user_id\":\"" + "u".repeat(129) + "\"}"),
                "invalid_user_id", "data.payload.user_id"));
        rows.add(fields("user_id with a control character", workflow("t-u2", "{" + wa + ",\"user_id\":\"u\\u0007\"}"),
                "invalid_user_id", "data.payload.user_id"));
        rows.add(notUnicode("user_id with an unpaired surrogate", workflow("t-u3", "{" + wa + ",\"user_id\":\"u\\udc00\"}"),
                "data.payload.user_id"));
        rows.add(fields("user_id that is a number", workflow("t-u4", "{" + wa + ",\"user_id\":42}"),
                "invalid_user_id", "data.payload.user_id"));
        rows.add(fields("blank user_id", workflow("t-u5", "{" + wa + ",\"user_id\":\"  \"}"),
                "invalid_user_id", "data.payload.user_id"));
        rows.add(fields("product over 128 characters", workflow("t-p1", "{" + wa + ",\"product\":\"" + "p".repeat(129) + "\"}"),
                "invalid_product", "data.payload.product"));
        rows.add(fields("empty product", workflow("t-p2", "{" + wa + ",\"product\":\"\"}"),
                "invalid_product", "data.payload.product"));
        rows.add(fields("product with a format character", workflow("t-p3", "{" + wa + ",\"product\":\"a\\u202eb\"}"),
                "invalid_product", "data.payload.product"));
        rows.add(notUnicode("product with an unpaired surrogate", workflow("t-p4", "{" + wa + ",\"product\":\"\\ud800\"}"),
                "data.payload.product"));
        rows.add(fields("role that is not a Karma role", workflow("t-r1", "{" + wa + ",\"role\":\"hacker\"}"),
                "invalid_role", "data.payload.role"));
        rows.add(fields("role that is not a string", workflow("t-r2", "{" + wa + ",\"role\":[\"guru\"]}"),
                "invalid_role", "data.payload.role"));
        rows.add(problem("user_id, product and role are listed at once", Server.OPEN,
                workflow("t-upr", "{" + wa + ",\"user_id\":\"\",\"product\":7,\"role\":\"Guru\"}"), List.of(), 422,
                "invalid_user_id", Map.of("/trace_id", "t-upr", "/errors/0/field", "data.payload.user_id",
                        "/errors/1/field", "data.payload.product", "/errors/2/field", "data.payload.role",
                        "/error_codes/1", "invalid_product", "/error_codes/2", "invalid_role",
                        "/errors/2/message", "must be one of learner, volunteer, seva, guru")));
        rows.add(ok("valid user_id, product and role are executed", Server.OPEN,
                workflow("t-upr-ok", "{" + wa + ",\"user_id\":\"user 42 \u00e9\\ud83d\\ude00\",\"product\":\"BHIV Core\","
                        + "\"role\":\"guru\"}"), List.of(), Map.of("/status", "success")));
        rows.add(ok("null user_id, product and role count as absent", Server.OPEN,
                workflow("t-upr-null", "{" + wa + ",\"user_id\":null,\"product\":null,\"role\":null}"), List.of(),
                Map.of("/status", "success")));
        rows.add(problem("every invalid field is listed at once", Server.OPEN,
                "{\"trace_id\":\"\",\"decision\":7,\"data\":{\"workflow_type\":\"x\",\"payload\":[]}}", List.of(), 422,
                "invalid_trace_id", Map.of("/errors/0/field", "trace_id", "/errors/1/field", "decision",
                        "/errors/2/field", "data.workflow_type", "/errors/3/field", "data.payload",
                        "/error_codes/1", "invalid_decision", "/error_codes/3", "invalid_workflow_data")));
        rows.add(problem("an invalid Idempotency-Key is a field error", Server.OPEN,
                workflow("t-key", "{\"action_type\":\"task\",\"title\":\"T\"}"), List.of("Idempotency-Key", "k".repeat(129)),
                422, "invalid_idempotency_key", Map.of("/errors/0/field", "Idempotency-Key", "/trace_id", "t-key")));
        // 3. skipped
        rows.add(ok("a decision other than workflow is skipped", Server.OPEN, "{\"trace_id\":\"t-skip\",\"decision\":\"respond\"}",
                List.of(), Map.of("/trace_id", "t-skip", "/status", "skipped", "/reason", "decision_not_workflow")));
        rows.add(ok("a skipped decision is not refused for payload fields only an execution would log", Server.OPEN,
                "{\"trace_id\":\"t-skip-2\",\"decision\":\"respond\",\"data\":{\"workflow_type\":\"workflow\","
                        + "\"payload\":{\"role\":\"admin\",\"user_id\":\"\"}}}",
                List.of(), Map.of("/trace_id", "t-skip-2", "/status", "skipped")));
        // 4. missing payload
        rows.add(problem("a workflow without data", Server.OPEN, "{\"trace_id\":\"t-nodata\",\"decision\":\"workflow\"}",
                List.of(), 400, "missing_workflow_payload", Map.of("/trace_id", "t-nodata")));
        rows.add(problem("a workflow with an empty payload", Server.OPEN, workflow("t-empty", "{}"), List.of(), 400,
                "missing_workflow_payload", Map.of("/trace_id", "t-empty")));
        // 6. engine
        rows.add(failed("missing action_type", Server.OPEN, "{\"title\":\"T\"}", "missing_action_type", Map.of()));
        rows.add(failed("unknown action_type", Server.OPEN, "{\"action_type\":\"fax\"}", "unsupported_action_type",
                Map.of("/execution_result/retryable", false)));
        // 3.3 adapter validation, in order
        rows.add(failed("whatsapp without recipient", Server.OPEN, "{\"action_type\":\"whatsapp\",\"message\":\"hi\"}",
                "missing_recipient", Map.of()));
        rows.add(failed("whatsapp with a bad recipient", Server.OPEN,
                "{\"action_type\":\"whatsapp\",\"recipient\":\"0123\",\"message\":\"hi\"}", "invalid_recipient", Map.of()));
        rows.add(failed("whatsapp without message", Server.OPEN, "{\"action_type\":\"whatsapp\",\"recipient\":\"+919876543210\"}",
                "missing_message", Map.of()));
        rows.add(failed("whatsapp with a long message", Server.FAILING,
                "{\"action_type\":\"whatsapp\",\"recipient\":\"+919876543210\",\"message\":\"" + "m".repeat(4097) + "\"}",
                "message_too_long", Map.of()));
        rows.add(failed("email without recipient", Server.OPEN, "{\"action_type\":\"email\",\"subject\":\"s\",\"body\":\"b\"}",
                "missing_recipient", Map.of()));
        rows.add(failed("email with a bad recipient", Server.OPEN,
                "{\"action_type\":\"email\",\"recipient\":\"nobody\",\"subject\":\"s\",\"body\":\"b\"}", "invalid_recipient", Map.of()));
        rows.add(failed("email without subject", Server.OPEN, "{\"action_type\":\"email\",\"recipient\":\"a@b.org\",\"body\":\"b\"}",
                "missing_subject", Map.of()));
        rows.add(failed("email without body", Server.OPEN, "{\"action_type\":\"email\",\"recipient\":\"a@b.org\",\"subject\":\"s\"}",
                "missing_body", Map.of()));
        rows.add(failed("ai without prompt", Server.OPEN, "{\"action_type\":\"ai\"}", "missing_prompt", Map.of()));
        rows.add(failed("ai with a long prompt", Server.FAILING,
                "{\"action_type\":\"ai\",\"prompt\":\"" + "p".repeat(32 * 1024 + 1) + "\"}", "prompt_too_long", Map.of()));
        rows.add(failed("task without title", Server.OPEN, "{\"action_type\":\"task\",\"description\":\"d\"}",
                "missing_task_title", Map.of()));
        rows.add(failed("task with a long title", Server.OPEN, "{\"action_type\":\"task\",\"title\":\"" + "t".repeat(501) + "\"}",
                "task_title_too_long", Map.of()));
        // 3.3 success
        rows.add(ok("whatsapp succeeds", Server.OPEN,
                workflow("t-wa", "{\"action_type\":\"whatsapp\",\"recipient\":\"+919876543210\",\"message\":\"hi\"}"), List.of(),
                Map.of("/status", "success", "/execution_result/success", true, "/execution_result/provider", "sandbox",
                        "/execution_result/status", "SENT", "/execution_result/recipient", "+919876543210")));
        rows.add(ok("email succeeds", Server.OPEN,
                workflow("t-mail", "{\"action_type\":\"email\",\"recipient\":\"a@b.org\",\"subject\":\"s\",\"body\":\"b\"}"),
                List.of(), Map.of("/status", "success", "/execution_result/status", "SENT", "/execution_result/subject", "s")));
        rows.add(ok("ai succeeds", Server.OPEN, workflow("t-ai", "{\"action_type\":\"ai\",\"prompt\":\"hello\"}"), List.of(),
                Map.of("/status", "success", "/execution_result/health", "OK", "/execution_result/model", "sandbox-echo")));
        // 3.3 provider error classes
        rows.add(failed("a provider that cannot be reached", Server.FAILING,
                "{\"action_type\":\"whatsapp\",\"recipient\":\"+919876543210\",\"message\":\"hi\"}", "provider_unavailable",
                Map.of("/execution_result/retryable", true, "/execution_result/provider", "sandbox")));
        rows.add(failed("a provider that refuses", Server.FAILING,
                "{\"action_type\":\"email\",\"recipient\":\"a@b.org\",\"subject\":\"s\",\"body\":\"b\"}", "provider_rejected",
                Map.of("/execution_result/retryable", false, "/execution_result/provider", "sandbox")));
        rows.add(failed("a provider that limits the rate", Server.FAILING, "{\"action_type\":\"ai\",\"prompt\":\"p\"}",
                "provider_rate_limited", Map.of("/execution_result/retryable", true, "/execution_result/retry_after_seconds", 1)));
        rows.add(failed("a provider that never answers", Server.FAILING, "{\"action_type\":\"task\",\"title\":\"T\"}",
                "provider_unavailable", Map.of("/execution_result/retryable", true)));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void answersAsTheContractSays(Row row) {
        TestExecutor server = switch (row.server()) {
            case OPEN -> open;
            case SECURED -> secured;
            case FAILING -> failing;
        };
        var answer = server.send("POST", "/api/workflow/execute", row.contentType(),
                row.body().getBytes(StandardCharsets.UTF_8), row.headers().toArray(String[]::new));

        assertThat(answer.status()).as(answer.text()).isEqualTo(row.status());
        assertThat(answer.contentType()).startsWith(row.answerType());
        JsonNode json = answer.json();
        if (row.status() >= 400) {
            String code = json.path("error_code").asText();
            assertThat(json.path("detail").asText()).isEqualTo(code);
            assertThat(json.path("type").asText()).isEqualTo("urn:bhiv:problem:" + code);
            assertThat(json.path("status").asInt()).isEqualTo(row.status());
        }
        if (row.status() == 401) {
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        row.expected().forEach((pointer, value) ->
                assertThat(json.at(pointer)).as(pointer + " in " + json).isEqualTo(Json.mapper().valueToTree(value)));
    }

    @ParameterizedTest(name = "{0} is 405 with Allow: POST")
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
    void otherMethodsOnExecuteAre405WithAllowPost(String method) {
        byte[] body = method.equals("GET") || method.equals("DELETE") ? null
                : workflow("t-405", "{\"action_type\":\"task\",\"title\":\"T\"}").getBytes(StandardCharsets.UTF_8);

        var answer = open.send(method, "/api/workflow/execute", body == null ? null : JSON, body);

        assertThat(answer.status()).as(answer.text()).isEqualTo(405);
        assertThat(answer.contentType()).startsWith(PROBLEM);
        assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
        assertThat(answer.json().path("error_code").asText()).isEqualTo("method_not_allowed");
        assertThat(answer.json().path("detail").asText()).isEqualTo("method_not_allowed");
        assertThat(answer.json().path("status").asInt()).isEqualTo(405);
    }

    private static String workflow(String traceId, String payload) {
        return "{\"trace_id\":\"" + traceId + "\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\",\"payload\":"
                + payload + "}}";
    }

    private static Row ok(String name, Server server, String body, List<String> headers, Map<String, Object> expected) {
        return new Row(name, server, JSON, body, headers, 200, JSON, expected);
    }

    private static Row problem(String name, Server server, String body, List<String> headers, int status, String code,
                               Map<String, Object> expected) {
        var all = new LinkedHashMap<String, Object>(expected);
        all.put("/error_code", code);
        return new Row(name, server, JSON, body, headers, status, PROBLEM, all);
    }

    private static Row fields(String name, String body, String code, String field) {
        return problem(name, Server.OPEN, body, List.of(), 422, code, Map.of("/errors/0/field", field));
    }

    private static Row notUnicode(String name, String body, String field) {
        return problem(name, Server.OPEN, body, List.of(), 400, "malformed_json", Map.of("/errors/0/field", field));
    }

    private static Row failed(String name, Server server, String payload, String code, Map<String, Object> expected) {
        String traceId = "t-" + Integer.toHexString(name.hashCode());
        var all = new LinkedHashMap<String, Object>(expected);
        all.put("/trace_id", traceId);
        all.put("/status", "failed");
        all.put("/execution_result/success", false);
        all.put("/execution_result/trace_id", traceId);
        all.put("/execution_result/error_code", code);
        return new Row(name, server, JSON, workflow(traceId, payload), List.of(), 200, JSON, all);
    }
}
