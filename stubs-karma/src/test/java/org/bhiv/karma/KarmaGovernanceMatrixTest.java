package org.bhiv.karma;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every identity against every Karma operation, on a real server with tokens configured.
 * Columns: bhiv_core, workflow_executor, unified_action_orchestrator, operator, no token, wrong token.
 */
class KarmaGovernanceMatrixTest {


    private static KarmaFixture karma;

    @BeforeAll
    static void start() {
        karma = KarmaFixture.start(Map.of());
        assertThat(karma.lifeEvent(KarmaFixture.CORE, "known-user", "completing_lessons", "seed-1").status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        karma.close();
    }

    static Stream<Arguments> matrix() {
        Object[][] table = {
                // helping_peers: the executor may send workflow_success and workflow_failed only
                {"POST /v1/event/ life_event", new int[] {200, 403, 200, 200, 401, 401}},
                {"POST /v1/event/ stats_request", new int[] {200, 200, 200, 200, 401, 401}},
                {"POST /api/v1/log-action/", new int[] {200, 403, 200, 200, 401, 401}},
                {"GET /api/v1/karma/known-user", new int[] {200, 200, 200, 200, 200, 401}},
                {"GET /health", new int[] {200, 200, 200, 200, 200, 200}},
        };
        return KarmaFixture.governanceCases(table).stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0} as {1} -> {3}")
    @MethodSource("matrix")
    void everyIdentityGetsTheStatusTheGovernanceMatrixSays(String operation, String who, String token, int expected) {
        String[] parts = operation.split(" ");
        String body = switch (operation) {
            case "POST /v1/event/ life_event" -> "{\"type\":\"life_event\",\"data\":{\"user_id\":\"u-matrix\","
                    + "\"action\":\"helping_peers\",\"role\":\"learner\",\"metadata\":{\"event_id\":\"" + UUID.randomUUID() + "\"}}}";
            case "POST /v1/event/ stats_request" -> "{\"type\":\"stats_request\",\"data\":{\"user_id\":\"known-user\"}}";
            case "POST /api/v1/log-action/" -> "{\"user_id\":\"u-matrix\",\"action\":\"solving_doubts\",\"role\":\"learner\"}";
            default -> null;
        };
        KarmaFixture.Answer answer = karma.call(Method.create(parts[0]), parts[1], token, body);

        assertThat(answer.status()).as(operation + " as " + who + ": " + answer.text()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("status").asText()).isEqualTo("error");
            assertThat(answer.json().at("/error/code").asText()).isEqualTo(answer.json().get("error_code").asText());
        } else if (body != null) {
            assertThat(answer.json().get("status").asText()).isEqualTo("success");
        }
        if (expected == 401) {
            assertThat(answer.challenge()).isEqualTo("Bearer");
        }
    }

    static Stream<Arguments> actionMatrix() {
        String[][] identities = {{"bhiv_core", KarmaFixture.CORE}, {"workflow_executor", KarmaFixture.EXECUTOR},
                {"unified_action_orchestrator", KarmaFixture.ORCHESTRATOR}, {"operator", KarmaFixture.OPERATOR}};
        return Stream.of(identities).flatMap(who -> org.bhiv.karma.rules.Action.names().stream().map(action ->
                Arguments.of(who[0], who[1], action, !who[0].equals("workflow_executor") || action.startsWith("workflow_")
                        ? 200 : 403)));
    }

    @ParameterizedTest(name = "{0} sends {2} -> {3}")
    @MethodSource("actionMatrix")
    void everyIdentityMaySendExactlyItsAllowedActions(String who, String token, String action, int expected) {
        String user = "u-" + who + "-" + action;
        KarmaFixture.Answer answer = karma.lifeEvent(token, user, action, UUID.randomUUID().toString());

        assertThat(answer.status()).as(answer.text()).isEqualTo(expected);
        if (expected == 403) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("error_code").asText()).isEqualTo("action_not_allowed");
            assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("data.action");
            assertThat(answer.json().get("title").asText()).contains(action);
            assertThat(karma.get("/api/v1/karma/" + user, null).status()).as("nothing applied").isEqualTo(404);
        }
    }

    @Test
    void actionsPerIdentityComeFromConfig() {
        try (KarmaFixture strict = KarmaFixture.start(Map.of("karma.governance.actions.bhiv_core", "completing_lessons",
                "karma.governance.actions.workflow_executor", "workflow_success"))) {
            assertThat(strict.lifeEvent(KarmaFixture.CORE, "c", "completing_lessons", "a-1").status()).isEqualTo(200);
            assertThat(strict.lifeEvent(KarmaFixture.CORE, "c", "cheat", "a-2").status()).isEqualTo(403);
            assertThat(strict.lifeEvent("c", "workflow_failed", "a-3").status()).isEqualTo(403);
            assertThat(strict.lifeEvent(KarmaFixture.OPERATOR, "c", "cheat", "a-4").status()).isEqualTo(200);
        }
    }

    @Test
    void anotherIdentitysEventIdNeverMakesTheExecutorsEventADuplicate() {
        KarmaFixture.Answer forged = karma.lifeEvent(KarmaFixture.CORE, "shared-user", "workflow_failed", "ev-shared");
        KarmaFixture.Answer real = karma.lifeEvent("shared-user", "workflow_success", "ev-shared");
        KarmaFixture.Answer redelivered = karma.lifeEvent("shared-user", "workflow_success", "ev-shared");

        assertThat(forged.status()).isEqualTo(200);
        assertThat(real.status()).isEqualTo(200);
        assertThat(real.json().has("duplicate")).as(real.text()).isFalse();
        assertThat(redelivered.json().get("duplicate").asBoolean()).isTrue();
        var user = karma.get("/api/v1/karma/shared-user", null).json();
        assertThat(user.at("/action_stats/by_action/workflow_success").asLong()).isEqualTo(1);
        assertThat(user.at("/balances/DharmaPoints").asLong()).isEqualTo(1);
    }

    @Test
    void executorTokenCannotModifyKarmaDirectly() {
        KarmaFixture.Answer answer = karma.post("/api/v1/log-action/", KarmaFixture.EXECUTOR,
                "{\"user_id\":\"known-user\",\"action\":\"selfless_service\",\"role\":\"guru\"}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(answer.json().get("path").asText()).isEqualTo("/api/v1/log-action/");
        assertThat(karma.get("/api/v1/karma/known-user", null).json().at("/balances/PunyaTokens").asLong()).isZero();
    }

    @Test
    void requesterIdThatDiffersFromTheTokenIsRefused() {
        KarmaFixture.Answer answer = karma.post("/v1/event/", KarmaFixture.EXECUTOR, "{\"requester_id\":\"bhiv_core\","
                + "\"type\":\"life_event\",\"data\":{\"user_id\":\"forged\",\"action\":\"helping_peers\",\"role\":\"learner\"}}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("requester_mismatch");
        assertThat(karma.get("/api/v1/karma/forged", null).status()).isEqualTo(404);
        KarmaFixture.Answer own = karma.post("/v1/event/", KarmaFixture.EXECUTOR, "{\"requester_id\":\"workflow_executor\","
                + "\"type\":\"stats_request\",\"data\":{\"user_id\":\"known-user\"}}");
        assertThat(own.status()).isEqualTo(200);
    }

    @Test
    void anonymousReadCanBeTurnedOff() {
        try (KarmaFixture closed = KarmaFixture.start(Map.of("karma.governance.allow-anonymous-read", "false"))) {
            KarmaFixture.Answer answer = closed.get("/api/v1/karma/anyone", null);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().at("/error/code").asText()).isEqualTo("unauthenticated");
        }
    }
}
