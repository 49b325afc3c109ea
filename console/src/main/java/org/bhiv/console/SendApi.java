package org.bhiv.console;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.console.Pillars.Pillar;
import org.bhiv.server.FieldError;
import org.bhiv.server.Json;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.ProblemException;

/**
 * {@code POST /api/send {"action_type", "user_id"}}: a sample decision of each action type, sent
 * as a user request to Core's {@code /handle_task}, so that it crosses the whole stack (Core
 * decides, writes its {@code agent_result}, fires the workflow); answers Core's answer, whose
 * {@code task_id} is the trace_id everywhere.
 */
final class SendApi implements HttpService {

    /** One input per action type that Core's rules turn into that workflow (CONTRACTS 7). */
    static final Map<String, String> SAMPLES = Map.of(
            "task", "Create a task to review the auth module",
            "email", "Email learner@example.com about the results saying The scores are in.",
            "whatsapp", "Send a whatsapp message to +919876543210 saying Class starts at 5 pm",
            "ai", "Explain recursion in one paragraph");

    private final Pillars pillars;
    private final ConsoleConfig config;

    SendApi(Pillars pillars, ConsoleConfig config) {
        this.pillars = pillars;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::send);
    }

    private void send(ServerRequest req, ServerResponse res) {
        ObjectNode body = JsonBodies.readObject(req, config.maxBodyBytes());
        String actionType = body.path("action_type").asText("");
        String user = body.path("user_id").asText("console_user").strip();
        if (!SAMPLES.containsKey(actionType) || user.isEmpty() || user.length() > 128) {
            throw ProblemException.invalidFields("invalid_fields", List.of(
                    new FieldError(SAMPLES.containsKey(actionType) ? "user_id" : "action_type",
                            SAMPLES.containsKey(actionType) ? "must be 1 to 128 characters" : "must be task, email, whatsapp or ai")));
        }
        ObjectNode task = Json.mapper().createObjectNode()
                .put("agent", "edumentor_agent").put("input", SAMPLES.get(actionType)).put("user_id", user);
        Relay.send(res, pillars.post(Pillar.CORE, "/handle_task", task.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
