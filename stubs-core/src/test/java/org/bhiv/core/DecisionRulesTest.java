package org.bhiv.core;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Core's rule set as a table: input, the rule that must win, and the payload it must produce.
 */
class DecisionRulesTest {

    private final DecisionRules rules = new DecisionRules();

    static Stream<Arguments> table() {
        return Stream.of(
                // task: a create-verb and task/todo/review; the title is what follows
                arguments("Create a task to review the auth module", "task",
                        Map.of("title", "Review the auth module", "description", "Create a task to review the auth module")),
                arguments("add a todo: buy milk", "task",
                        Map.of("title", "Buy milk", "description", "add a todo: buy milk")),
                arguments("Please open a review for PR 12", "task",
                        Map.of("title", "Review PR 12", "description", "Please open a review for PR 12")),
                arguments("create a new task", "task",
                        Map.of("title", "create a new task", "description", "create a new task")),
                // task wins over an address it mentions
                arguments("Create a task to email bob@example.com the report", "task",
                        Map.of("title", "Email bob@example.com the report",
                                "description", "Create a task to email bob@example.com the report")),
                // email: an address; subject after "about"/"subject:", body after "saying"/"body:"
                arguments("Email alice@example.com about the launch saying we ship on Friday", "email",
                        Map.of("recipient", "alice@example.com", "subject", "the launch", "body", "we ship on Friday")),
                arguments("send this to ops@bhiv.example.org", "email",
                        Map.of("recipient", "ops@bhiv.example.org", "subject", "Message from BHIV Core",
                                "body", "send this to ops@bhiv.example.org")),
                // email wins over a phone number with "message"
                arguments("message bob@example.com, my number is +14155550100", "email",
                        Map.of("recipient", "bob@example.com", "subject", "Message from BHIV Core",
                                "body", "message bob@example.com, my number is +14155550100")),
                // whatsapp: a phone number and "whatsapp"/"message"; recipient normalised to +digits
                arguments("Send a WhatsApp to +91 98765 43210 saying the class starts at 5", "whatsapp",
                        Map.of("recipient", "+919876543210", "message", "the class starts at 5")),
                arguments("message 415-555-0100 now", "whatsapp",
                        Map.of("recipient", "+4155550100", "message", "message 415-555-0100 now")),
                // ai: ask / explain / summarise / summarize
                arguments("Explain recursion like I am five", "ai", Map.of("prompt", "Explain recursion like I am five")),
                arguments("summarize this chapter", "ai", Map.of("prompt", "summarize this chapter")),
                arguments("Can I ASK something?", "ai", Map.of("prompt", "Can I ASK something?")),
                // respond: anything else
                arguments("Hello there", "respond", Map.of()),
                arguments("call +14155550100", "respond", Map.of()),
                arguments("message me on 2026-01-31", "respond", Map.of()),
                arguments("I am multitasking", "respond", Map.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void inputMapsToItsRule(String input, String rule, Map<String, Object> payload) {
        Decision decision = rules.decide(input);

        assertThat(decision.rule()).isEqualTo(rule);
        assertThat(decision.payload()).isEqualTo(payload);
        assertThat(decision.requiresWorkflow()).isEqualTo(!rule.equals("respond"));
        assertThat(decision.actionType()).isEqualTo(rule.equals("respond") ? null : rule);
        assertThat(decision.response()).isNotBlank();
    }

    @Test
    void agentOutputHasTheContractsFields() {
        var output = rules.decide("add a todo: buy milk").agentOutput();

        assertThat(output).containsEntry("response", "Task requested: Buy milk")
                .containsEntry("requires_workflow", true)
                .containsEntry("workflow_action_type", "task")
                .containsEntry("workflow_payload", Map.of("title", "Buy milk", "description", "add a todo: buy milk"));
    }

    @Test
    void respondNeedsNoWorkflow() {
        var output = rules.decide("good morning").agentOutput();

        assertThat(output).containsEntry("requires_workflow", false)
                .containsEntry("workflow_action_type", null)
                .containsEntry("workflow_payload", Map.of());
    }

    @Test
    void titleIsCutToTheExecutorsLimit() {
        var decision = rules.decide("create a task to " + "x".repeat(600));

        assertThat(decision.payload().get("title").toString()).hasSize(DecisionRules.MAX_TITLE);
    }
}
