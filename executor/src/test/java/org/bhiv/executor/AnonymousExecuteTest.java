package org.bhiv.executor;

import java.util.HashMap;
import java.util.Map;

import org.bhiv.executor.TestExecutor.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code security.anonymous.allow=execute}: with tokens configured, a caller without any token
 * may execute a workflow as {@code anonymous} (the guide's curl, the ecosystem's clients) and
 * nothing else; it is off by default, reported by {@code /healthz}, and refused at start-up
 * beside a real provider unless confirmed.
 */
class AnonymousExecuteTest {

    private static final String CORE_TOKEN = "anon-test-core";
    private static final Map<String, String> TOKENS = Map.of(
            "security.tokens.0.token", CORE_TOKEN, "security.tokens.0.identity", "bhiv_core");

    @Test
    void withoutTheKeyACallerWithoutTokenGets401SayingWhereTokensComeFrom() {
        try (var executor = TestExecutor.start(TOKENS)) {
            Answer answer = executor.execute(task("anon-off"));
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            assertThat(answer.json().path("title").asText())
                    .contains("Authorization: Bearer", "bin/stack tokens", "security.tokens", "security.anonymous.allow");
            assertThat(executor.get("/healthz").json().path("auth").asText()).isEqualTo("tokens");
        }
    }

    @Test
    void anonymousMayExecuteButReadNothing() {
        try (var executor = TestExecutor.start(with(TOKENS, "security.anonymous.allow", "execute"))) {
            Answer executed = executor.execute(task("anon-on"));
            assertThat(executed.status()).as(executed.text()).isEqualTo(200);
            assertThat(executed.json().path("status").asText()).isEqualTo("success");
            String taskId = executed.json().at("/execution_result/task_id").asText();

            assertThat(executor.get("/api/workflow/executions/anon-on").status()).isEqualTo(401);
            assertThat(executor.get("/api/tasks/" + taskId).status()).isEqualTo(401);
            assertThat(executor.get("/api/sandbox/anon-on").status()).isEqualTo(401);
            assertThat(executor.execute(task("anon-wrong"), "Authorization", "Bearer not-a-token").status())
                    .as("a wrong token is reported, not taken for anonymous").isEqualTo(401);
            assertThat(executor.get("/api/workflow/executions/anon-on", "Authorization", "Bearer " + CORE_TOKEN).status())
                    .isEqualTo(200);
            assertThat(executor.get("/healthz").json().path("auth").asText()).isEqualTo("tokens+anonymous-execute");
        }
    }

    @Test
    void anOperationThatMayNeverBeAnonymousStopsTheStart() {
        assertThatThrownBy(() -> TestExecutor.start(with(TOKENS, "security.anonymous.allow", "execute,executions")))
                .hasMessageContaining("security.anonymous.allow").hasMessageContaining("'executions'");
    }

    @Test
    void besideARealProviderAnonymousAccessNeedsTheSecondKey() {
        Map<String, String> smtp = with(with(with(TOKENS, "security.anonymous.allow", "execute"),
                "executor.adapters.email.provider", "smtp"), "executor.adapters.email.smtp.host", "127.0.0.1");
        smtp = with(with(smtp, "executor.adapters.email.smtp.from", "noreply@bhiv.test"),
                "executor.adapters.email.smtp.security", "none");
        Map<String, String> refused = smtp;
        assertThatThrownBy(() -> TestExecutor.start(refused))
                .hasMessageContaining("security.anonymous.allow")
                .hasMessageContaining("security.anonymous.allow-with-real-providers")
                .hasMessageContaining("email=smtp");
        try (var executor = TestExecutor.start(with(smtp, "security.anonymous.allow-with-real-providers", "true"))) {
            assertThat(executor.get("/healthz").json().path("auth").asText()).isEqualTo("tokens+anonymous-execute");
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var all = new HashMap<>(base);
        all.put(key, value);
        return all;
    }

    private static String task(String traceId) {
        return """
                {"trace_id": "%s", "decision": "workflow", "data": {"workflow_type": "workflow",
                 "payload": {"action_type": "task", "title": "Anonymous task"}}}""".formatted(traceId);
    }
}
