package org.bhiv.karma.ledger;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bhiv.karma.rules.Action;
import org.bhiv.karma.rules.Balances;
import org.bhiv.karma.rules.KarmaRules;

/**
 * One user's karma account. Not thread-safe on its own: {@link KarmaLedger} serialises access.
 */
final class UserKarma {

    static final int RECENT_EVENTS = 20;

    private final String userId;
    private final Map<Action, Long> byAction = new EnumMap<>(Action.class);
    private final Deque<UserView.RecentEvent> recent = new ArrayDeque<>();
    private Balances balances = Balances.ZERO;
    private long cheats;
    private long total;
    private Instant lastUpdated;

    UserKarma(String userId) {
        this.userId = userId;
    }

    Balances apply(KarmaEntry entry, Instant at) {
        Balances change = KarmaRules.change(entry.action(), cheats);
        if (entry.action() == Action.CHEAT) {
            cheats++;
        }
        balances = balances.plus(change);
        byAction.merge(entry.action(), 1L, Long::sum);
        total++;
        recent.addLast(new UserView.RecentEvent(entry.action().wire(), entry.traceId(), entry.source(), at.toString()));
        if (recent.size() > RECENT_EVENTS) {
            recent.removeFirst();
        }
        lastUpdated = at;
        return change;
    }

    /** @return everything needed to rebuild this account, for the journal's snapshot */
    UserState state() {
        Map<String, Long> actions = new TreeMap<>();
        byAction.forEach((action, count) -> actions.put(action.wire(), count));
        return new UserState(userId, balances, cheats, total, actions, List.copyOf(recent),
                lastUpdated == null ? null : lastUpdated.toString());
    }

    /** @return the account a snapshot describes */
    static UserKarma from(UserState state) {
        UserKarma user = new UserKarma(state.userId());
        user.balances = state.balances();
        user.cheats = state.cheats();
        user.total = state.total();
        state.byAction().forEach((name, count) -> Action.parse(name).ifPresent(a -> user.byAction.put(a, count)));
        user.recent.addAll(state.recent());
        user.lastUpdated = state.lastUpdated() == null ? null : Instant.parse(state.lastUpdated());
        return user;
    }

    Standing standing() {
        double merit = KarmaRules.merit(balances);
        return new Standing(userId, KarmaRules.roleFor(merit).wire(), merit, balances);
    }

    UserView view() {
        double merit = KarmaRules.merit(balances);
        Map<String, Long> actions = new TreeMap<>();
        byAction.forEach((action, count) -> actions.put(action.wire(), count));
        return new UserView(userId, KarmaRules.roleFor(merit).wire(), merit, balances,
                new UserView.ActionStats(total, actions), List.copyOf(recent),
                lastUpdated == null ? null : lastUpdated.toString());
    }
}
