package org.bhiv.karma.ledger;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.bhiv.karma.rules.Balances;

/**
 * A user's karma as {@code GET /api/v1/karma/{user_id}} answers it.
 *
 * @param userId       the user
 * @param role         computed from merit
 * @param meritScore   Dharma x 1.0 + Seva x 1.2 + Punya x 3.0
 * @param balances     the three balances
 * @param actionStats  how many actions, in all and per action
 * @param recentEvents the last 20, oldest first
 * @param lastUpdated  when the last action was applied
 */
public record UserView(@JsonProperty("user_id") String userId,
                       String role,
                       @JsonProperty("merit_score") double meritScore,
                       Balances balances,
                       @JsonProperty("action_stats") ActionStats actionStats,
                       @JsonProperty("recent_events") List<RecentEvent> recentEvents,
                       @JsonProperty("last_updated") String lastUpdated) {

    /**
     * @param totalActions every action applied
     * @param byAction     per action wire name
     */
    public record ActionStats(@JsonProperty("total_actions") long totalActions,
                              @JsonProperty("by_action") Map<String, Long> byAction) {
    }

    /**
     * @param action  the action's wire name
     * @param traceId the trace it belongs to, may be {@code null}
     * @param source  who reported it
     * @param at      when it was applied
     */
    public record RecentEvent(String action, @JsonProperty("trace_id") String traceId, String source, String at) {
    }
}
