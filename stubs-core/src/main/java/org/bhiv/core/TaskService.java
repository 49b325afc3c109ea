package org.bhiv.core;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.bridge.WorkflowClient;
import org.bhiv.bridge.WorkflowTrigger;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.LogSafe;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.AccessPolicy;

/**
 * {@code POST /handle_task}: decides with {@link DecisionRules}, fires the workflow through
 * core-bridge when one is needed (and records an {@code agent_result} event in Bucket), and
 * answers at once. Neither the executor nor Bucket is waited for: their outcomes are only
 * logged and counted.
 */
final class TaskService implements HttpService {

    private static final System.Logger LOGGER = System.getLogger(TaskService.class.getName());
    private static final long MAX_BODY = 64 * 1024;

    /** The operation's name in {@code security.anonymous.allow}. */
    static final String OPERATION = "handle_task";
    /** Who may ask Core when tokens are configured ({@code handle-task.callers}). */
    static final Set<String> DEFAULT_CALLERS = Set.of("bhiv_core", "operator", "unified_action_orchestrator");

    private final AccessPolicy access;
    private final DecisionRules rules;
    private final WorkflowClient workflows;
    private final AgentResultSink agentResults;

    TaskService(AccessPolicy access, DecisionRules rules, WorkflowClient workflows, AgentResultSink agentResults) {
        this.access = access;
        this.rules = rules;
        this.workflows = workflows;
        this.agentResults = agentResults;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::handleTask);
    }

    /** The clients live as long as the server: released when it stops. */
    @Override
    public void afterStop() {
        workflows.close();
        agentResults.close();
    }

    private void handleTask(ServerRequest req, ServerResponse res) {
        access.check(req);
        TaskRequest task = TaskRequest.from(JsonBodies.readObject(req, MAX_BODY));
        String taskId = UUID.randomUUID().toString();
        Decision decision = rules.decide(task.input());
        Map<String, Object> agentOutput = decision.agentOutput();
        WorkflowTrigger.from(agentOutput, taskId, task.userId()).ifPresent(trigger -> {
            trigger.fire(workflows).thenAccept(WorkflowLog::outcome);
            agentResults.record(taskId, task, decision);
        });
        LOGGER.log(System.Logger.Level.INFO, "TASK_HANDLED | task_id=" + taskId + " | agent=" + LogSafe.value(task.agent())
                + " | decision=" + decision.rule());
        Responses.json(res, 200, new TaskResponse(taskId, agentOutput, "success"));
    }
}
