package org.bhiv.executor.outbox;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Hashing;
import org.bhiv.server.RedactionKey;
import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntegrationEventsTest {

    private static final RedactionKey KEY = RedactionKey.ephemeral();
    private static final Redaction REDACTION = new Redaction(KEY);

    @Test
    void bucketEventCarriesEveryContractFieldWithContentRedacted() throws Exception {
        var execution = OutboxFixture.execution("trace-1");
        ObjectNode body = IntegrationEvents.bucketBody(execution, REDACTION);

        assertThat(fieldNames(body)).containsExactly("requester_id", "event_data");
        assertThat(body.get("requester_id").asText()).isEqualTo("workflow_executor");
        JsonNode data = body.get("event_data");
        assertThat(fieldNames(data)).containsExactly("event_id", "event_type", "trace_id", "action_type", "status",
                "product", "user_id", "execution_result", "duration_ms", "timestamp");
        assertThat(data.get("event_id").asText()).isEqualTo(IntegrationEvents.eventId("trace-1", "exec-trace-1", Sink.BUCKET));
        assertThat(data.get("event_type").asText()).isEqualTo("workflow_execution");
        assertThat(data.get("trace_id").asText()).isEqualTo("trace-1");
        assertThat(data.get("action_type").asText()).isEqualTo("whatsapp");
        assertThat(data.get("status").asText()).isEqualTo("success");
        assertThat(data.get("product").asText()).isEqualTo("gurukul");
        assertThat(data.get("user_id").asText()).isEqualTo("user-7");
        assertThat(data.get("duration_ms").asLong()).isEqualTo(12);
        assertThat(data.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.678Z");

        JsonNode result = data.get("execution_result");
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("trace_id").asText()).isEqualTo("trace-1");
        assertThat(result.get("whatsapp_message_id").asText()).isEqualTo("wa_0123456789abcdef");
        assertThat(result.get("status").asText()).isEqualTo("SENT");
        assertThat(result.get("recipient").asText()).isEqualTo("+91******3210");
        assertThat(result.get("message")).isEqualTo(Json.mapper().readTree(
                "{\"redacted\": true, \"hmac_sha256\": \"" + KEY.hmacHex("Hello there") + "\", \"length\": 11}"));
        assertThat(body.toString()).doesNotContain("Hello there").doesNotContain("9876543210");
    }

    @Test
    void karmaEventCarriesEveryContractFieldAndItsContextIsAJsonString() throws Exception {
        ObjectNode body = IntegrationEvents.karmaBody(OutboxFixture.execution("trace-1"));

        assertThat(fieldNames(body)).containsExactly("type", "data", "timestamp", "source");
        assertThat(body.get("type").asText()).isEqualTo("life_event");
        assertThat(body.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(body.get("source").asText()).isEqualTo("workflow_executor");
        JsonNode data = body.get("data");
        assertThat(fieldNames(data)).containsExactly("user_id", "action", "role", "note", "context", "metadata");
        assertThat(data.get("user_id").asText()).isEqualTo("user-7");
        assertThat(data.get("action").asText()).isEqualTo("workflow_success");
        assertThat(data.get("role").asText()).isEqualTo("volunteer");
        assertThat(data.get("note").asText()).isEqualTo("Workflow execution: whatsapp");
        assertThat(data.get("context").isTextual()).isTrue();
        assertThat(Json.mapper().readTree(data.get("context").asText())).isEqualTo(Json.mapper().readTree(
                "{\"trace_id\": \"trace-1\", \"action_type\": \"whatsapp\", \"status\": \"success\", \"source\": \"workflow_executor\"}"));
        assertThat(data.get("metadata")).isEqualTo(Json.mapper().readTree("{\"event_id\": \""
                + IntegrationEvents.eventId("trace-1", "exec-trace-1", Sink.KARMA) + "\", \"trace_id\": \"trace-1\","
                + " \"action_type\": \"whatsapp\", \"status\": \"success\", \"source\": \"workflow_executor\"}"));
    }

    @Test
    void failedExecutionWithoutOptionalFieldsUsesTheContractDefaults() {
        var result = Json.mapper().createObjectNode().put("success", false).put("trace_id", "t")
                .put("error_code", "missing_action_type").put("message", "action_type is required");
        var execution = OutboxFixture.completed("e1", "t", null, null, "failed", null, null, null, result, 3,
                Instant.parse("2026-01-02T00:00:00Z"), null);

        JsonNode karma = IntegrationEvents.karmaBody(execution).get("data");
        assertThat(karma.get("action").asText()).isEqualTo("workflow_failed");
        assertThat(karma.get("user_id").asText()).isEqualTo("system");
        assertThat(karma.get("role").asText()).isEqualTo("learner");
        assertThat(karma.get("note").asText()).isEqualTo("Workflow execution: unknown");
        JsonNode bucket = IntegrationEvents.bucketBody(execution, REDACTION).get("event_data");
        assertThat(bucket.get("status").asText()).isEqualTo("failed");
        assertThat(bucket.get("product").asText()).isEqualTo("unknown");
        assertThat(bucket.get("user_id").asText()).isEqualTo("system");
        assertThat(bucket.get("execution_result").get("error_code").asText()).isEqualTo("missing_action_type");
        assertThat(bucket.get("execution_result").get("message").get("redacted").asBoolean()).isTrue();
        assertThat(execution.idempotencyKey()).as("key defaults to the trace_id").isEqualTo("t");
    }

    @Test
    void eventIdIsDeterministicPerSinkAndDistinctPerExecution() {
        String bucket = IntegrationEvents.eventId("trace-1", "exec-a", Sink.BUCKET);
        assertThat(bucket).matches("evt_[0-9a-f]{32}");
        assertThat(IntegrationEvents.eventId("trace-1", "exec-a", Sink.BUCKET)).isEqualTo(bucket);
        assertThat(IntegrationEvents.eventId("trace-1", "exec-a", Sink.KARMA)).isNotEqualTo(bucket);
        assertThat(IntegrationEvents.eventId("trace-1", "exec-b", Sink.BUCKET)).as("a retry is another execution")
                .isNotEqualTo(bucket);
        assertThat(IntegrationEvents.eventId("trace-1exec-a", "", Sink.BUCKET)).as("no ambiguity by concatenation")
                .isNotEqualTo(IntegrationEvents.eventId("trace-1", "exec-a", Sink.BUCKET));

        var events = IntegrationEvents.of(OutboxFixture.execution("trace-1", "a", "success"), REDACTION);
        assertThat(events).extracting(OutboxEvent::sink).containsExactly(Sink.BUCKET, Sink.KARMA);
        assertThat(events.get(0).eventId()).isEqualTo(bucket);
        assertThat(events.get(0).executionId()).isEqualTo("exec-a");
        assertThat(IntegrationEvents.of(OutboxFixture.execution("trace-1", "a", "success"), REDACTION))
                .as("the same execution gives byte-identical events, so a redelivery carries the same id").isEqualTo(events);
    }

    @Test
    void aShortContentCannotBeRecomputedWithoutTheKeyAndIsStableWithinADeployment() throws Exception {
        JsonNode result = Json.mapper().readTree("{\"message\": \"Your code is 042917\"}");

        String value = REDACTION.redact(result).get("message").get("hmac_sha256").asText();
        assertThat(value).hasSize(64);
        assertThat(REDACTION.redact(result).get("message").get("hmac_sha256").asText()).as("stable").isEqualTo(value);
        assertThat(value).as("a plain hash of the content is not it").isNotEqualTo(Hashing.sha256Hex("Your code is 042917"));
        // an attacker who hashes every six-digit code without the key finds nothing
        boolean found = false;
        for (int code = 42_000; code < 43_000 && !found; code++) {
            found = Hashing.sha256Hex("Your code is " + String.format("%06d", code)).equals(value);
        }
        assertThat(found).isFalse();
        assertThat(new Redaction(RedactionKey.ephemeral()).redact(result).get("message").get("hmac_sha256").asText())
                .as("another deployment's key gives another value").isNotEqualTo(value);
        assertThat(REDACTION.redact(result).get("message").has("sha256")).isFalse();
        assertThat(REDACTION.toString()).doesNotContain(KEY.hmacHex(""));
    }

    @Test
    void recipientsAreMaskedAndOtherValuesHidden() {
        assertThat(Redaction.maskRecipient("+919876543210")).isEqualTo("+91******3210");
        assertThat(Redaction.maskRecipient("+14155550100")).isEqualTo("+14*****0100");
        assertThat(Redaction.maskRecipient("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(Redaction.maskRecipient("not a recipient")).isEqualTo("***");
    }

    @Test
    void redactionReachesNestedContentAndKeepsIdentifiersStatusesAndErrorCodes() throws Exception {
        JsonNode result = Json.mapper().readTree("""
                {"request_id": "ai_0123456789abcdef", "prompt": "secret question", "response": {"text": "answer"},
                 "model": "m1", "error_code": null, "details": [{"body": "mail text", "recipient": "bob@x.org"}],
                 "health": "OK"}""");
        JsonNode redacted = REDACTION.redact(result);

        assertThat(redacted.get("request_id").asText()).isEqualTo("ai_0123456789abcdef");
        assertThat(redacted.get("model").asText()).isEqualTo("m1");
        assertThat(redacted.get("health").asText()).isEqualTo("OK");
        assertThat(redacted.get("error_code").isNull()).isTrue();
        assertThat(redacted.get("prompt").get("hmac_sha256").asText()).isEqualTo(KEY.hmacHex("secret question"));
        assertThat(redacted.get("prompt").get("length").asInt()).isEqualTo(15);
        assertThat(redacted.get("response").get("redacted").asBoolean()).isTrue();
        assertThat(redacted.get("details").get(0).get("body").get("length").asInt()).isEqualTo(9);
        assertThat(redacted.get("details").get(0).get("recipient").asText()).isEqualTo("b***@x.org");
        assertThat(redacted.toString()).doesNotContain("secret question", "answer", "mail text");
        assertThat(result.get("prompt").asText()).as("the input is not changed").isEqualTo("secret question");
    }

    @Test
    void aResultTooLargeForBucketIsSummarisedKeepingItsShortIdentifiers() {
        var result = Json.mapper().createObjectNode().put("success", true).put("task_id", "task_0123456789abcdef")
                .put("task_status", "CREATED").put("description", "x".repeat(60_000));
        var execution = OutboxFixture.completed("e1", "t", "t", "task", "success", null, null, null, result, 3,
                Instant.parse("2026-01-02T00:00:00Z"), null);

        JsonNode sent = IntegrationEvents.bucketBody(execution, REDACTION).get("event_data").get("execution_result");
        assertThat(sent.get("truncated").asBoolean()).isTrue();
        assertThat(sent.get("length").asInt()).isGreaterThan(60_000);
        assertThat(sent.get("sha256").asText()).hasSize(64);
        assertThat(sent.get("task_id").asText()).isEqualTo("task_0123456789abcdef");
        assertThat(sent.get("task_status").asText()).isEqualTo("CREATED");
        assertThat(sent.get("success").asBoolean()).isTrue();
        assertThat(sent.has("description")).isFalse();
        assertThat(IntegrationEvents.bucketBody(execution, REDACTION).toString().length()).isLessThan(64 * 1024);
    }

    @Test
    void traceparentIsDerivedFromTheTraceIdOrIsAChildOfTheIncomingOne() {
        String derived = Traceparent.forEvent(null, "trace-1", "evt_a");
        assertThat(Traceparent.isValid(derived)).isTrue();
        assertThat(derived).isEqualTo(Traceparent.forEvent("garbage", "trace-1", "evt_a"));
        // the shared rule (trace-context), the same value core-bridge's TraceParentTest pins
        assertThat(derived).startsWith("00-17fe6f303311c0b164b937e419518c1f-");
        assertThat(Traceparent.forEvent(null, "trace-1", "evt_b").substring(0, 36))
                .as("one trace per decision").isEqualTo(derived.substring(0, 36));

        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String child = Traceparent.forEvent(incoming, "trace-1", "evt_a");
        assertThat(child).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01");
        assertThat(child).isNotEqualTo(incoming);
        assertThat(Traceparent.isValid(child)).isTrue();
    }

    private static Iterable<String> fieldNames(JsonNode node) {
        return () -> node.fieldNames();
    }
}
