package org.bhiv.karma.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.bhiv.karma.rules.Balances;
import org.bhiv.server.ProblemException;

/**
 * Every user's karma in memory, bounded: at most {@code maxUsers} accounts (a new user beyond
 * that is refused with 507 {@code storage_full}, existing accounts are never evicted), and the
 * event ids of the last {@code maxEventIds} events for dedup. One lock keeps "seen this
 * event id?" and "apply it" a single step.
 */
public final class KarmaLedger {

    private final Map<String, UserKarma> users = new HashMap<>();
    private final Map<String, Boolean> seenEventIds;
    private final int maxUsers;
    private final Clock clock;
    private long eventsReceived;

    /**
     * @param maxUsers    most accounts
     * @param maxEventIds how many recent event ids are remembered for dedup
     * @param clock       source of timestamps
     */
    public KarmaLedger(int maxUsers, int maxEventIds, Clock clock) {
        this.maxUsers = maxUsers;
        this.clock = clock;
        this.seenEventIds = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > maxEventIds;
            }
        };
    }

    /**
     * Applies an entry once: a repeated event id changes nothing.
     *
     * @param entry the behaviour
     * @return what happened and the user's karma afterwards
     * @throws ProblemException 507 {@code storage_full} for a new user when the ledger is full
     */
    public synchronized Applied apply(KarmaEntry entry) {
        eventsReceived++;
        if (entry.eventId() != null && seenEventIds.containsKey(entry.eventId())) {
            UserKarma user = users.get(entry.userId());
            return new Applied(true, Balances.ZERO, user == null ? new UserKarma(entry.userId()).view() : user.view());
        }
        UserKarma user = users.get(entry.userId());
        if (user == null) {
            if (users.size() >= maxUsers) {
                throw ProblemException.of(507, "storage_full", "Karma holds its maximum of " + maxUsers + " users.");
            }
            user = new UserKarma(entry.userId());
            users.put(entry.userId(), user);
        }
        Balances change = user.apply(entry, Instant.now(clock));
        if (entry.eventId() != null) {
            seenEventIds.put(entry.eventId(), Boolean.TRUE);
        }
        return new Applied(false, change, user.view());
    }

    /**
     * @param userId a user
     * @return their karma, empty when unknown
     */
    public synchronized Optional<UserView> find(String userId) {
        return Optional.ofNullable(users.get(userId)).map(UserKarma::view);
    }

    /** @return events received since start (duplicates included) */
    public synchronized long eventsReceived() {
        return eventsReceived;
    }

    /** @return users with an account */
    public synchronized int users() {
        return users.size();
    }

    /**
     * @param duplicate true when the event id was seen before and nothing changed
     * @param change    the change applied to the balances
     * @param user      the user's karma afterwards
     */
    public record Applied(boolean duplicate, Balances change, UserView user) {
    }
}
