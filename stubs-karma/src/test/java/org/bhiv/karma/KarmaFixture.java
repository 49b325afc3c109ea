package org.bhiv.karma;

import java.util.Map;

import org.bhiv.server.testing.ServiceFixture;

/**
 * A real Karma on a random port with one token per identity (see {@link ServiceFixture}).
 */
final class KarmaFixture extends ServiceFixture {

    private KarmaFixture(io.helidon.webserver.WebServer server) {
        super(server);
    }

    /** Karma with tokens, plus these settings. */
    static KarmaFixture start(Map<String, String> settings) {
        return new KarmaFixture(startWithTokens(Main::start, settings));
    }

    /** Sends a life_event as the executor (which may send workflow_success and workflow_failed only). */
    Answer lifeEvent(String userId, String action, String eventId) {
        return lifeEvent(EXECUTOR, userId, action, eventId);
    }

    /** Sends a life_event, shaped as the executor sends it, with this token. */
    Answer lifeEvent(String token, String userId, String action, String eventId) {
        return post("/v1/event/", token, """
                {"type":"life_event","source":"workflow_executor","timestamp":"2026-01-31T10:15:30Z",
                 "data":{"user_id":"%s","action":"%s","role":"learner","note":"Workflow execution: task",
                         "context":"{\\"trace_id\\":\\"trace-%s\\",\\"action_type\\":\\"task\\"}",
                         "metadata":{"event_id":"%s","source":"workflow_executor"}}}""".formatted(userId, action, eventId, eventId));
    }
}
