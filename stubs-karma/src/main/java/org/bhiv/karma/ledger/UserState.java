package org.bhiv.karma.ledger;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.bhiv.karma.rules.Balances;

/**
 * One account as the journal's snapshot keeps it: enough to rebuild it exactly (the cheat count
 * decides the next penalty).
 *
 * @param userId      the user
 * @param balances    the three balances
 * @param cheats      cheats so far
 * @param total       actions so far
 * @param byAction    actions so far, per action
 * @param recent      the last events, oldest first
 * @param lastUpdated when the last action was applied, {@code null} if never
 */
record UserState(@JsonProperty("user_id") String userId,
                 Balances balances,
                 long cheats,
                 long total,
                 @JsonProperty("by_action") Map<String, Long> byAction,
                 List<UserView.RecentEvent> recent,
                 @JsonProperty("last_updated") String lastUpdated) {
}
