package org.bhiv.executor.adapters;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.bhiv.executor.adapters.ai.AiAdapter;
import org.bhiv.executor.adapters.email.EmailAdapter;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.sandbox.InMemorySandboxRecorder;
import org.bhiv.executor.adapters.task.InMemoryTaskStore;
import org.bhiv.executor.adapters.task.TaskAdapter;
import org.bhiv.executor.adapters.whatsapp.WhatsAppAdapter;
import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each adapter checks its fields in the order of section 3.3's table: each step fixes one
 * field and the next error code appears, until the action is done; validation failures never
 * reach the provider.
 */
class AdapterValidationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final InMemorySandboxRecorder recorder = new InMemorySandboxRecorder(CLOCK);

    @Test
    void whatsAppChecksRecipientThenMessage() {
        var adapter = WhatsAppAdapter.create(context("whatsapp"));
        assertOrder(adapter, List.of(
                Map.of(), "missing_recipient",
                Map.of("recipient", 15551234567L), "invalid_recipient",
                Map.of("recipient", "+1555"), "invalid_recipient",
                Map.of("recipient", "+15551234567"), "missing_message",
                Map.of("message", "m".repeat(4097)), "message_too_long",
                Map.of("message", "m".repeat(4096)), "whatsapp_message_id"));
    }

    @Test
    void emailChecksRecipientThenSubjectThenBody() {
        var adapter = EmailAdapter.create(context("email"));
        assertOrder(adapter, List.of(
                Map.of("subject", "s", "body", "b"), "missing_recipient",
                Map.of("recipient", "not an address"), "invalid_recipient",
                Map.of("recipient", "ops@example.org", "subject", " "), "missing_subject",
                Map.of("subject", "Hi\r\nBcc: victim@evil.example"), "invalid_subject",
                Map.of("subject", "s".repeat(EmailAdapter.MAX_SUBJECT + 1)), "invalid_subject",
                Map.of("subject", "Hello", "body", ""), "missing_body",
                Map.of("body", "text"), "message_id"));
    }

    @Test
    void anEmailRecipientOrSubjectWithAControlOrFormatCharacterIsRefused() {
        var adapter = EmailAdapter.create(context("email"));
        for (String bad : List.of("a@example.com\u0000", "a\u0000@example.com", "a@example.com\u0085",
                "a@exa\u2028mple.com", "a@exam\u200bple.com", "a@example.com\u007f")) {
            var outcome = adapter.execute(call("email", Map.of("recipient", bad, "subject", "s", "body", "b")));
            assertThat(outcome).as(bad).isInstanceOfSatisfying(AdapterOutcome.Invalid.class,
                    invalid -> assertThat(invalid.errorCode()).isEqualTo("invalid_recipient"));
        }
        for (String bad : List.of("Hi\u0000", "Hi\u2028Bcc: x@evil.example", "Hi\u200e")) {
            var outcome = adapter.execute(call("email", Map.of("recipient", "a@example.com", "subject", bad, "body", "b")));
            assertThat(outcome).as(bad).isInstanceOfSatisfying(AdapterOutcome.Invalid.class,
                    invalid -> assertThat(invalid.errorCode()).isEqualTo("invalid_subject"));
        }
    }

    @Test
    void aiChecksPrompt() {
        var adapter = AiAdapter.create(context("ai"));
        assertOrder(adapter, List.of(
                Map.of(), "missing_prompt",
                Map.of("prompt", "p".repeat(32 * 1024 + 1)), "prompt_too_long",
                Map.of("prompt", "p".repeat(32 * 1024)), "request_id"));
    }

    @Test
    void taskChecksTitleAndStoresTheTask() {
        var store = new InMemoryTaskStore();
        var adapter = TaskAdapter.create(context("task"), store);
        assertOrder(adapter, List.of(
                Map.of("description", "d"), "missing_task_title",
                Map.of("title", "t".repeat(501)), "task_title_too_long",
                Map.of("title", "t".repeat(500)), "task_id"));
        assertThat(store.find(ExecutionIds.derive("task_", "key", "task"))).isPresent();
    }

    @Test
    void validationFailuresRecordNothing() {
        executeAndCommit(WhatsAppAdapter.create(context("whatsapp")), call("whatsapp", Map.of("recipient", "+15551234567")));
        assertThat(recorder.recorded("trace")).isEmpty();
    }

    /** Applies each step's fields on top of the previous ones and expects that error code (or success field). */
    private void assertOrder(Adapter adapter, List<Object> steps) {
        var fields = new java.util.LinkedHashMap<String, Object>();
        var seen = new ArrayList<String>();
        for (int i = 0; i < steps.size(); i += 2) {
            @SuppressWarnings("unchecked")
            var step = (Map<String, Object>) steps.get(i);
            fields.putAll(step);
            String expected = (String) steps.get(i + 1);
            AdapterOutcome outcome = executeAndCommit(adapter, call(adapter.actionType(), fields));
            String got = switch (outcome) {
                case AdapterOutcome.Invalid invalid -> invalid.errorCode();
                case AdapterOutcome.Succeeded ok -> ok.fields().containsKey(expected) ? expected : "success without " + expected;
                case AdapterOutcome.ProviderFailed failed -> failed.failure().errorCode();
            };
            seen.add(got);
            assertThat(got).as("step " + (i / 2) + " after " + seen).isEqualTo(expected);
        }
    }

    private static AdapterCall call(String actionType, Map<String, Object> fields) {
        ObjectNode payload = Json.mapper().valueToTree(fields);
        payload.put("action_type", actionType);
        return new AdapterCall("trace", "key", actionType, payload, new Effects());
    }

    /** Runs the adapter, then its writes, as the pipeline's transaction would (the doubles need no connection). */
    private static AdapterOutcome executeAndCommit(Adapter adapter, AdapterCall call) {
        AdapterOutcome outcome = adapter.execute(call);
        try {
            call.effects().asWrite().write(null);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return outcome;
    }

    @Test
    void sandboxAdaptersAndTheTaskStoreActOnlyOnTheExecutorsDatabase() {
        assertThat(List.of(WhatsAppAdapter.create(context("whatsapp")), EmailAdapter.create(context("email")),
                AiAdapter.create(context("ai")), TaskAdapter.create(context("task"), new InMemoryTaskStore()),
                TaskAdapter.create(context("task", "store"), new InMemoryTaskStore())))
                .extracting(Adapter::reachesOutside).containsOnly(false);
    }

    private ProviderContext context(String adapter) {
        return context(adapter, "sandbox");
    }

    private ProviderContext context(String adapter, String provider) {
        Config adapters = Config.just(ConfigSources.create(Map.of(adapter + ".provider", provider)));
        return new ProviderContext(AdapterConfig.create(adapters, adapter), recorder, CLOCK);
    }
}
