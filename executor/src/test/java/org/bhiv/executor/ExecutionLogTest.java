package org.bhiv.executor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

import org.bhiv.executor.workflow.ExecutionLog;
import org.bhiv.server.UtcLogFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The execution lines of section 3.6, captured as the log file writes them (the JUL
 * {@link UtcLogFormatter}: UTC time with its zone), one line per step, none forgeable.
 */
class ExecutionLogTest {

    private static final Logger EXECUTION = Logger.getLogger(ExecutionLog.class.getName());

    private TestExecutor executor;
    private ByteArrayOutputStream captured;
    private StreamHandler handler;

    @BeforeEach
    void start() {
        executor = TestExecutor.start(Map.of());
        captured = new ByteArrayOutputStream();
        handler = new StreamHandler(captured, new UtcLogFormatter());
        EXECUTION.addHandler(handler);
    }

    @AfterEach
    void stop() {
        EXECUTION.removeHandler(handler);
        executor.close();
    }

    @Test
    void eachStepOfEachRequestLogsOneLine() {
        executor.execute("{\"trace_id\":\"log-skip\",\"decision\":\"respond\"}");
        executor.execute(workflow("log-ok", "{\"action_type\":\"ai\",\"prompt\":\"secret prompt text\"}"));
        executor.execute(workflow("log-bad", "{\"action_type\":\"email\",\"recipient\":\"a@b.org\"}"));

        List<String> lines = lines();
        assertThat(lines).anyMatch(l -> l.endsWith("EXECUTION_RECEIVED | trace_id=log-skip | decision=respond"))
                .anyMatch(l -> l.endsWith("EXECUTION_SKIPPED | trace_id=log-skip | reason=decision_not_workflow"))
                .anyMatch(l -> l.endsWith("EXECUTION_RECEIVED | trace_id=log-ok | decision=workflow"))
                .anyMatch(l -> l.endsWith("EXECUTION_STARTED | trace_id=log-ok | action_type=ai"))
                .anyMatch(l -> l.matches(".*EXECUTION_SUCCESS \\| trace_id=log-ok \\| action_type=ai \\| duration_ms=\\d+"))
                .anyMatch(l -> l.endsWith("EXECUTION_STARTED | trace_id=log-bad | action_type=email"))
                .anyMatch(l -> l.endsWith("EXECUTION_FAILED | trace_id=log-bad | action_type=email | error_code=missing_subject"))
                .noneMatch(l -> l.contains("secret prompt text"))
                .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO|WARNING|SEVERE) .*"));
    }

    @Test
    void traceIdWithALineBreakIsRefusedAndForgesNoLine() {
        var answer = executor.execute("{\"trace_id\":\"x\\nEXECUTION_SUCCESS | trace_id=forged\",\"decision\":\"workflow\","
                + "\"data\":{\"workflow_type\":\"workflow\",\"payload\":{\"action_type\":\"task\",\"title\":\"T\"}}}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("error_code").asText()).isEqualTo("invalid_trace_id");
        assertThat(answer.json().has("trace_id")).isFalse();
        assertThat(lines()).noneMatch(l -> l.contains("forged"));
    }

    @Test
    void valuesThatReachALogLineAreSanitised() {
        executor.execute(workflow("log-type", "{\"action_type\":\"fax\\nEXECUTION_SUCCESS | trace_id=forged\"}"));

        List<String> lines = lines();
        assertThat(lines).noneMatch(l -> l.startsWith("EXECUTION_SUCCESS"));
        assertThat(lines).anyMatch(l -> l.endsWith("EXECUTION_FAILED | trace_id=log-type"
                + " | action_type=fax_EXECUTION_SUCCESS_|_trace_id=forged | error_code=unsupported_action_type"));
        assertThat(lines).noneMatch(l -> l.contains(" trace_id=forged"));
    }

    private List<String> lines() {
        handler.flush();
        return Arrays.asList(captured.toString(StandardCharsets.UTF_8).split("\\R"));
    }

    private static String workflow(String traceId, String payload) {
        return "{\"trace_id\":\"" + traceId + "\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":" + payload + "}}";
    }
}
