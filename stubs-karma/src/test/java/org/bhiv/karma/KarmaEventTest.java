package org.bhiv.karma;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Karma over HTTP: the executor's events are accepted, applied once, and visible per user;
 * invalid events are refused in Karma's envelope, naming the field.
 */
class KarmaEventTest {

    private static KarmaFixture karma;

    @BeforeAll
    static void start() {
        karma = KarmaFixture.start(Map.of("karma.max-body-bytes", "4096"));
    }

    @AfterAll
    static void stop() {
        karma.close();
    }

    @Test
    void executorsWorkflowEventIsAppliedWithTheContractsAnswer() {
        KarmaFixture.Answer answer = karma.lifeEvent("exec-user", "workflow_success", "ev-1");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("status").asText()).isEqualTo("success");
        assertThat(body.get("event_type").asText()).isEqualTo("life_event");
        assertThat(body.get("timestamp").asText()).isNotBlank();
        assertThat(body.at("/data/user_id").asText()).isEqualTo("exec-user");
        assertThat(body.at("/data/action").asText()).isEqualTo("workflow_success");
        assertThat(body.at("/data/merit_score").asDouble()).isEqualTo(1.0);
        assertThat(body.at("/data/role").asText()).isEqualTo("learner");
        assertThat(body.has("duplicate")).isFalse();
    }

    @Test
    void repeatedEventIdIsAnsweredAsDuplicateAndAppliedOnce() {
        karma.lifeEvent(KarmaFixture.CORE, "dup-user", "helping_peers", "ev-dup");
        KarmaFixture.Answer again = karma.lifeEvent(KarmaFixture.CORE, "dup-user", "helping_peers", "ev-dup");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        JsonNode user = karma.get("/api/v1/karma/dup-user", null).json();
        assertThat(user.at("/balances/SevaPoints").asLong()).isEqualTo(10);
        assertThat(user.at("/action_stats/total_actions").asLong()).isEqualTo(1);
        assertThat(user.get("merit_score").asDouble()).isEqualTo(12.0);
    }

    @Test
    void cheatingCostsMoreEachTime() {
        long[] expectedDharma = {-2, -7, -17, -37, -77, -177, -277};
        for (int i = 0; i < expectedDharma.length; i++) {
            karma.lifeEvent(KarmaFixture.CORE, "cheater", "cheat", "cheat-" + i);
            assertThat(karma.get("/api/v1/karma/cheater", null).json().at("/balances/DharmaPoints").asLong())
                    .as("after cheat #" + (i + 1)).isEqualTo(expectedDharma[i]);
        }
    }

    @Test
    void userKarmaHasTheFullShapeWithRecentEventsAndComputedRole() {
        for (int i = 0; i < 3; i++) {
            karma.lifeEvent(KarmaFixture.CORE, "guru-to-be", "selfless_service", "ss-" + i);
        }
        KarmaFixture.Answer answer = karma.get("/api/v1/karma/guru-to-be", null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode user = answer.json();
        assertThat(user.get("user_id").asText()).isEqualTo("guru-to-be");
        assertThat(user.get("merit_score").asDouble()).isEqualTo(225.0);
        assertThat(user.get("role").asText()).as("computed from merit, not the role the events named").isEqualTo("seva");
        assertThat(user.at("/balances/PunyaTokens").asLong()).isEqualTo(75);
        assertThat(user.at("/action_stats/by_action/selfless_service").asLong()).isEqualTo(3);
        assertThat(user.get("recent_events")).hasSize(3);
        assertThat(user.at("/recent_events/2/action").asText()).isEqualTo("selfless_service");
        assertThat(user.at("/recent_events/2/trace_id").asText()).isEqualTo("trace-ss-2");
        assertThat(user.at("/recent_events/2/source").asText()).isEqualTo("workflow_executor");
        assertThat(user.at("/recent_events/2/at").asText()).isNotBlank();
        assertThat(user.get("last_updated").asText()).isNotBlank();
    }

    @Test
    void recentEventsKeepTheLastTwenty() {
        for (int i = 0; i < 22; i++) {
            karma.lifeEvent(KarmaFixture.CORE, "busy", "completing_lessons", "busy-" + i);
        }
        JsonNode user = karma.get("/api/v1/karma/busy", null).json();
        assertThat(user.get("recent_events")).hasSize(20);
        assertThat(user.at("/recent_events/0/trace_id").asText()).isEqualTo("trace-busy-2");
        assertThat(user.at("/action_stats/total_actions").asLong()).isEqualTo(22);
    }

    @Test
    void statsRequestAnswersForAKnownUserAnd404ForAnUnknownOne() {
        karma.lifeEvent(KarmaFixture.CORE, "stats-user", "solving_doubts", "st-1");
        KarmaFixture.Answer known = karma.post("/v1/event/", KarmaFixture.CORE,
                "{\"type\":\"stats_request\",\"data\":{\"user_id\":\"stats-user\"}}");
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.json().get("event_type").asText()).isEqualTo("stats_request");
        assertThat(known.json().at("/data/merit_score").asDouble()).isEqualTo(9.6);

        KarmaFixture.Answer unknown = karma.get("/api/v1/karma/nobody", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/code").asText()).isEqualTo("user_not_found");
    }

    @Test
    void unknownEventTypeIs400InKarmasEnvelopeThatIsAlsoAProblem() {
        KarmaFixture.Answer answer = karma.post("/v1/event/", KarmaFixture.CORE, "{\"type\":\"atonement\",\"data\":{}}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode body = answer.json();
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.at("/error/code").asText()).isEqualTo("invalid_event_type");
        assertThat(body.at("/error/message").asText()).isEqualTo("Invalid event type");
        assertThat(body.get("path").asText()).isEqualTo("/v1/event/");
        assertThat(body.get("timestamp").asText()).isNotBlank();
        assertThat(body.get("type").asText()).isEqualTo("urn:bhiv:problem:invalid_event_type");
        assertThat(body.get("title").asText()).isEqualTo("Invalid event type");
        assertThat(body.get("detail").asText()).isEqualTo("invalid_event_type");
        assertThat(body.get("error_code").asText()).isEqualTo("invalid_event_type");
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("type");
    }

    @Test
    void aTypeThatIsNotAStringIsAnInvalidEventType() {
        for (String type : new String[] {"5", "true", "{\"a\":1}", "[\"life_event\"]"}) {
            KarmaFixture.Answer answer = karma.post("/v1/event/", KarmaFixture.CORE,
                    "{\"type\":" + type + ",\"data\":{\"user_id\":\"u\"}}");
            assertThat(answer.status()).as(type).isEqualTo(400);
            assertThat(answer.json().get("status").asText()).isEqualTo("error");
            assertThat(answer.json().at("/error/code").asText()).isEqualTo("invalid_event_type");
            assertThat(answer.json().at("/error/message").asText()).isEqualTo("Invalid event type");
            assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("type");
        }
    }

    @Test
    void invalidLifeEventNamesEveryInvalidField() {
        KarmaFixture.Answer answer = karma.post("/v1/event/", KarmaFixture.CORE, """
                {"type":"life_event","timestamp":"soon","data":{"action":"stealing","role":"king",
                 "metadata":{"event_id":7}}}""");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("invalid_event");
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
                "timestamp", "data.user_id", "data.action", "data.role", "data.metadata.event_id");
    }

    @Test
    void missingTypeOrDataIs422AndLogActionNamesBareFields() {
        assertThat(karma.post("/v1/event/", KarmaFixture.CORE, "{\"data\":{}}").json().at("/errors/0/field").asText())
                .isEqualTo("type");
        assertThat(karma.post("/v1/event/", KarmaFixture.CORE, "{\"type\":\"life_event\"}").json().at("/errors/0/field").asText())
                .isEqualTo("data");
        KarmaFixture.Answer logAction = karma.post("/api/v1/log-action/", KarmaFixture.OPERATOR,
                "{\"user_id\":\"x\",\"action\":\"helping_peers\",\"role\":\"learner\",\"intensity\":-1}");
        assertThat(logAction.status()).isEqualTo(422);
        assertThat(logAction.json().at("/errors/0/field").asText()).isEqualTo("intensity");
    }

    @Test
    void unknownRouteMalformedAndOversizedBodiesUseTheEnvelope() {
        KarmaFixture.Answer unknown = karma.get("/v2/nothing", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("status").asText()).isEqualTo("error");
        assertThat(unknown.json().get("path").asText()).isEqualTo("/v2/nothing");

        KarmaFixture.Answer malformed = karma.post("/v1/event/", KarmaFixture.CORE, "{\"type\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/error/code").asText()).isEqualTo("malformed_json");

        KarmaFixture.Answer huge = karma.post("/v1/event/", KarmaFixture.CORE,
                "{\"type\":\"life_event\",\"pad\":\"" + "x".repeat(5000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().at("/error/code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void healthCountsEventsAndUsers() {
        karma.lifeEvent("health-user", "workflow_failed", "h-1");
        JsonNode health = karma.get("/health", null).json();
        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.get("auth").asText()).isEqualTo("tokens");
        assertThat(health.get("events_received").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(health.get("users").asLong()).isGreaterThanOrEqualTo(1);
    }
}
