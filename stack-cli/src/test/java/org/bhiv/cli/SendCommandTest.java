package org.bhiv.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendCommandTest {

    @Test
    void sampleOfEachTypeIsAWorkflowDecisionWithItsAdapterFields() {
        ObjectNode whatsapp = SendCommand.request("whatsapp", List.of());
        assertThat(whatsapp.path("decision").asText()).isEqualTo("workflow");
        assertThat(whatsapp.path("trace_id").asText()).startsWith("cli_whatsapp_");
        assertThat(whatsapp.at("/data/workflow_type").asText()).isEqualTo("workflow");
        assertThat(whatsapp.at("/data/payload/action_type").asText()).isEqualTo("whatsapp");
        assertThat(whatsapp.at("/data/payload/recipient").asText()).startsWith("+");
        assertThat(whatsapp.at("/data/payload/message").asText()).isNotBlank();
        for (String type : SendCommand.SAMPLES.keySet()) {
            assertThat(SendCommand.request(type, List.of()).at("/data/payload").size()).as(type).isGreaterThan(2);
        }
    }

    @Test
    void fieldValuePairsReplaceOrAddPayloadFieldsAndTraceIdSetsTheTrace() {
        ObjectNode task = SendCommand.request("task", List.of("title=Review the auth module", "user_id=u1", "trace_id=t-1",
                "note=a=b"));
        assertThat(task.path("trace_id").asText()).isEqualTo("t-1");
        assertThat(task.at("/data/payload/title").asText()).isEqualTo("Review the auth module");
        assertThat(task.at("/data/payload/user_id").asText()).isEqualTo("u1");
        assertThat(task.at("/data/payload/note").asText()).isEqualTo("a=b");
        assertThat(task.at("/data/payload/trace_id").isMissingNode()).isTrue();
    }

    @Test
    void aWrongCommandLineIsUsageAndAServiceThatDoesNotAnswerIsUnreachable() {
        var err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(Main.run(List.of("send", "task", "title"), Map.of(), System.out, errors)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'title' is not field=value", "usage:");
        assertThat(Main.run(List.of("frobnicate"), Map.of(), System.out, errors)).isEqualTo(ExitCode.USAGE);
        Map<String, String> closed = Map.of("EXECUTOR_URL", "http://127.0.0.1:9", "BUCKET_URL", "http://127.0.0.1:9");
        var out = new ByteArrayOutputStream();
        assertThat(Main.run(List.of("send", "task"), closed, new PrintStream(out, true, StandardCharsets.UTF_8), errors))
                .isEqualTo(ExitCode.UNREACHABLE);
        assertThat(Main.run(List.of("trace", "t-1"), closed, new PrintStream(out, true, StandardCharsets.UTF_8), errors))
                .isEqualTo(ExitCode.UNREACHABLE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("did not answer");
    }
}
