package org.bhiv.cli;

import java.io.PrintStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code bin/stack send <action_type> [field=value ...]}: sends a sample workflow of that type to
 * the executor as Core would (its token), with {@code field=value} pairs replacing or adding payload
 * fields ({@code trace_id=...} sets the trace id), and prints the trace id and the outcome.
 */
final class SendCommand {

    /** The sample payload of each action type. */
    static final Map<String, Map<String, String>> SAMPLES = Map.of(
            "task", Map.of("title", "Sample task from bin/stack send", "description", "Created to try the stack"),
            "email", Map.of("recipient", "user@example.com", "subject", "Sample email from bin/stack send",
                    "body", "Sent to try the stack."),
            "whatsapp", Map.of("recipient", "+919876543210", "message", "Sample message from bin/stack send"),
            "ai", Map.of("prompt", "Explain in one sentence what the BHIV Workflow Executor does."));

    private final StackEndpoints stack;
    private final StackHttp http;

    SendCommand(StackEndpoints stack, StackHttp http) {
        this.stack = stack;
        this.http = http;
    }

    /**
     * @param actionType the payload's action_type
     * @param fields     {@code field=value} arguments
     * @return the request body
     * @throws IllegalArgumentException when an argument is not {@code field=value}
     */
    static ObjectNode request(String actionType, List<String> fields) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("action_type", actionType);
        payload.put("user_id", "stack_user");
        payload.putAll(new java.util.TreeMap<>(SAMPLES.getOrDefault(actionType, Map.of())));
        String traceId = "cli_" + actionType.replaceAll("[^A-Za-z0-9]", "") + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        for (String field : fields) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + field + "' is not field=value");
            }
            String name = field.substring(0, eq);
            String value = field.substring(eq + 1);
            if (name.equals("trace_id")) {
                traceId = value;
            } else {
                payload.put(name, value);
            }
        }
        ObjectNode body = StackHttp.JSON.createObjectNode();
        body.put("trace_id", traceId).put("decision", "workflow");
        ObjectNode data = body.putObject("data").put("workflow_type", "workflow");
        ObjectNode payloadNode = data.putObject("payload");
        payload.forEach(payloadNode::put);
        return body;
    }

    ExitCode run(ObjectNode request, PrintStream out) {
        String traceId = request.path("trace_id").asText();
        out.println("trace_id: " + traceId);
        StackHttp.Answer answer = http.post(stack.executor() + "/api/workflow/execute", stack.coreToken(), request);
        JsonNode json = answer.json();
        if (answer.status() != 200) {
            out.println("refused: HTTP " + answer.status() + " " + json.path("error_code").asText() + ": "
                    + json.path("title").asText());
            return ExitCode.NOT_OK;
        }
        JsonNode result = json.path("execution_result");
        String status = json.path("status").asText();
        out.println("status: " + status + (result.hasNonNull("error_code")
                ? " (" + result.path("error_code").asText() + ": " + result.path("message").asText() + ")"
                : " (provider " + result.path("provider").asText() + ")"));
        out.println("follow it: bin/stack trace " + traceId);
        return status.equals("success") ? ExitCode.OK : ExitCode.NOT_OK;
    }
}
