package org.bhiv.karma.api;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bhiv.karma.ledger.KarmaLedger;
import org.bhiv.karma.ledger.Standing;
import org.bhiv.karma.ledger.UserView;

/**
 * Karma's success envelope: {@code {"status": "success", "event_type"?, "message", "data",
 * "duplicate"?, "timestamp"}}.
 */
final class KarmaAnswers {

    private final Clock clock;

    KarmaAnswers(Clock clock) {
        this.clock = clock;
    }

    Map<String, Object> applied(String eventType, String message, String action, KarmaLedger.Applied applied) {
        Standing user = applied.user();
        Map<String, Object> data = summary(user.userId(), action, user.meritScore(), user.role());
        data.put("change", applied.change());
        data.put("balances", applied.user().balances());
        Map<String, Object> body = envelope(eventType, applied.duplicate() ? "Duplicate event ignored" : message, data);
        if (applied.duplicate()) {
            body.put("duplicate", true);
        }
        return body;
    }

    Map<String, Object> stats(UserView user) {
        Map<String, Object> data = summary(user.userId(), null, user.meritScore(), user.role());
        data.put("balances", user.balances());
        data.put("action_stats", user.actionStats());
        return envelope(KarmaRequests.STATS_REQUEST, "Stats retrieved", data);
    }

    private static Map<String, Object> summary(String userId, String action, double meritScore, String role) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", userId);
        data.put("action", action);
        data.put("merit_score", meritScore);
        data.put("role", role);
        return data;
    }

    private Map<String, Object> envelope(String eventType, String message, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        if (eventType != null) {
            body.put("event_type", eventType);
        }
        body.put("message", message);
        body.put("data", data);
        body.put("timestamp", Instant.now(clock).toString());
        return body;
    }
}
