package org.bhiv.karma.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bhiv.karma.rules.Balances;
import org.bhiv.server.ProblemException;

/**
 * Every user's karma in memory, bounded: at most {@code maxUsers} accounts (a new user beyond
 * that is refused with 507 {@code storage_full}, existing accounts are never evicted), and the
 * event ids of the last {@code maxEventIds} events for dedup, per writing identity. One lock
 * keeps "seen this event id?", "journal it" and "apply it" a single step. With a
 * {@link KarmaJournal} every applied entry is on disk before it is answered and the ledger is
 * rebuilt from it at start.
 */
public final class KarmaLedger {

    private static final System.Logger LOGGER = System.getLogger(KarmaLedger.class.getName());

    private final Map<String, UserKarma> users = new HashMap<>();
    private final Map<String, String[]> seenEventIds;
    private final int maxUsers;
    private final Clock clock;
    private final KarmaJournal journal;
    private long eventsReceived;

    /**
     * A ledger in memory only.
     *
     * @param maxUsers    most accounts
     * @param maxEventIds how many recent event ids are remembered for dedup
     * @param clock       source of timestamps
     */
    public KarmaLedger(int maxUsers, int maxEventIds, Clock clock) {
        this(maxUsers, maxEventIds, clock, null);
    }

    private KarmaLedger(int maxUsers, int maxEventIds, Clock clock, KarmaJournal journal) {
        this.maxUsers = maxUsers;
        this.clock = clock;
        this.journal = journal;
        this.seenEventIds = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String[]> eldest) {
                return size() > maxEventIds;
            }
        };
    }

    /**
     * A ledger rebuilt from its journal, which then records every entry applied.
     *
     * @param maxUsers     most accounts (a journal with more is still loaded)
     * @param maxEventIds  how many recent event ids are remembered for dedup
     * @param clock        source of timestamps
     * @param path         the journal file
     * @param compactAfter entries appended before the journal is rewritten as a snapshot
     * @return the ledger
     */
    public static KarmaLedger withJournal(int maxUsers, int maxEventIds, Clock clock, Path path, int compactAfter) {
        List<KarmaJournal.Line> lines = KarmaJournal.read(path);
        KarmaLedger ledger = new KarmaLedger(maxUsers, maxEventIds, clock, KarmaJournal.open(path, compactAfter));
        synchronized (ledger) {
            for (KarmaJournal.Line line : lines) {
                switch (line) {
                    case KarmaJournal.Line.Entry e -> ledger.replay(e.entry(), e.at());
                    case KarmaJournal.Line.User u -> ledger.users.put(u.state().userId(), UserKarma.from(u.state()));
                    case KarmaJournal.Line.Seen s -> ledger.seenEventIds.put(key(s.writer(), s.eventId()),
                            new String[] {s.writer(), s.eventId()});
                }
            }
        }
        LOGGER.log(System.Logger.Level.INFO, "Karma journal " + path + " replayed: " + ledger.users.size() + " users");
        return ledger;
    }

    /**
     * Applies an entry once: an event id the same writer sent before changes nothing.
     *
     * @param entry the behaviour
     * @return what happened and the user's karma afterwards
     * @throws ProblemException 507 {@code storage_full} for a new user when the ledger is full,
     *                          503 {@code journal_unavailable} when the journal cannot be written (nothing changed)
     */
    public synchronized Applied apply(KarmaEntry entry) {
        eventsReceived++;
        String key = entry.eventId() == null ? null : key(entry.writer(), entry.eventId());
        if (key != null && seenEventIds.containsKey(key)) {
            UserKarma user = users.get(entry.userId());
            return new Applied(true, Balances.ZERO, (user == null ? new UserKarma(entry.userId()) : user).standing());
        }
        if (!users.containsKey(entry.userId()) && users.size() >= maxUsers) {
            throw ProblemException.of(507, "storage_full", "Karma holds its maximum of " + maxUsers + " users.");
        }
        Instant at = Instant.now(clock);
        if (journal != null) {
            try {
                journal.append(entry, at);
            } catch (java.io.UncheckedIOException e) {
                LOGGER.log(System.Logger.Level.ERROR, "Cannot journal a karma entry; it is refused", e);
                throw ProblemException.of(503, "journal_unavailable", "The karma journal cannot be written; nothing changed.");
            }
        }
        Balances change = replay(entry, at);
        if (journal != null && journal.wantsSnapshot()) {
            journal.snapshot(users.values().stream().map(UserKarma::state).toList(), new ArrayList<>(seenEventIds.values()));
        }
        return new Applied(false, change, users.get(entry.userId()).standing());
    }

    /** Applies without journaling or capacity check: the entry is already on disk. */
    private Balances replay(KarmaEntry entry, Instant at) {
        String key = entry.eventId() == null ? null : key(entry.writer(), entry.eventId());
        if (key != null && seenEventIds.containsKey(key)) {
            return Balances.ZERO;
        }
        Balances change = users.computeIfAbsent(entry.userId(), UserKarma::new).apply(entry, at);
        if (key != null) {
            seenEventIds.put(key, new String[] {entry.writer(), entry.eventId()});
        }
        return change;
    }

    /** An event id is unique per writing identity: another writer cannot pre-empt or shadow it. */
    private static String key(String writer, String eventId) {
        return writer + '\u0000' + eventId;
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

    /** Closes the journal, if any. */
    public synchronized void close() {
        if (journal != null) {
            journal.close();
        }
    }

    /**
     * @param duplicate true when the event id was seen before and nothing changed
     * @param change    the change applied to the balances
     * @param user      the user's karma afterwards
     */
    public record Applied(boolean duplicate, Balances change, Standing user) {
    }
}
