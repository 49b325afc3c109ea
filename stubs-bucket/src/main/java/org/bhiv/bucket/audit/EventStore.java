package org.bhiv.bucket.audit;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.ProblemException;

/**
 * The append-only audit store: records in memory (bounded, each kept as its JSON line, see
 * {@link StoredRecord}), optionally mirrored to a {@link Journal} that is replayed and verified at
 * start. It never evicts a record: when full it refuses new ones with 507 {@code storage_full}.
 * Records are never handed out for modification: readers get trees parsed afresh.
 */
public final class EventStore {

    private static final System.Logger LOGGER = System.getLogger(EventStore.class.getName());

    /** In chain order; {@code null} for a journal line that could not be read. */
    private final List<StoredRecord> chain = new ArrayList<>();
    private final Map<String, Long> seqByEventId = new HashMap<>();
    private final Set<String> agents = new HashSet<>();
    private final int maxEvents;
    private final Journal journal;
    private final Clock clock;
    private final Long firstInvalidAtStart;
    private final Verification.Missing missingAtStart;
    private String headHash = HashChain.GENESIS;
    private long lastSeq;
    private long duplicates;

    private EventStore(int maxEvents, Journal journal, Clock clock, List<ObjectNode> replayed, Optional<Anchor> anchor) {
        this.maxEvents = maxEvents;
        this.journal = journal;
        this.clock = clock;
        replayed.forEach(record -> index(record, record == null ? null : StoredRecord.replayed(record)));
        Verification verdict = HashChain.verify(replayed);
        this.missingAtStart = anchor.map(a -> a.seq() > lastSeq ? new Verification.Missing(lastSeq + 1, a.seq()) : null)
                .orElse(null);
        Long anchorMismatch = anchor.filter(a -> a.seq() <= lastSeq && !a.hash().equals(hashAt(replayed, a.seq())))
                .map(Anchor::seq).orElse(null);
        this.firstInvalidAtStart = java.util.stream.Stream.of(verdict.firstInvalidSeq(), anchorMismatch,
                        missingAtStart == null ? null : missingAtStart.fromSeq())
                .filter(java.util.Objects::nonNull).min(Long::compare).orElse(null);
        if (missingAtStart != null) {
            // Continue after the anchor: the missing sequence numbers are never handed out again,
            // so the gap stays visible in the chain itself.
            lastSeq = anchor.get().seq();
            headHash = anchor.get().hash();
        }
    }

    /**
     * A store in memory only.
     *
     * @param maxEvents most records kept
     * @param clock     source of {@code received_at}
     * @return the store
     */
    public static EventStore inMemory(int maxEvents, Clock clock) {
        return new EventStore(maxEvents, null, clock, List.of(), Optional.empty());
    }

    /**
     * A store backed by a journal, replayed and verified now. A chain that does not verify is
     * logged at SEVERE naming the first invalid sequence number; the store still opens so that
     * an operator can inspect it, and keeps reporting the break.
     *
     * @param maxEvents most records kept (a longer journal is still loaded, and then refuses writes)
     * @param clock     source of {@code received_at}
     * @param journal   the journal file
     * @return the store
     */
    public static EventStore withJournal(int maxEvents, Clock clock, java.nio.file.Path journal) {
        List<ObjectNode> replayed = Journal.read(journal);
        Optional<Anchor> anchor = Journal.anchor(journal);
        EventStore store = new EventStore(maxEvents, Journal.open(journal), clock, replayed, anchor);
        Verification verdict = store.verify();
        if (verdict.valid()) {
            LOGGER.log(Level.INFO, "Bucket journal " + journal + " replayed: " + verdict.length()
                    + " records, audit chain valid");
        } else if (verdict.missing() != null) {
            LOGGER.log(Level.ERROR, "Bucket journal " + journal + " was TRUNCATED: records seq "
                    + verdict.missing().fromSeq() + ".." + verdict.missing().toSeq() + " were acknowledged and are "
                    + "missing (its anchor " + Anchor.pathFor(journal).getFileName() + " names seq "
                    + verdict.missing().toSeq() + "). Reported in /health and /core/audit/verify.");
        } else {
            LOGGER.log(Level.ERROR, "Bucket journal " + journal + " does NOT verify: first invalid seq "
                    + verdict.firstInvalidSeq() + " of " + verdict.length()
                    + " records. The audit trail was changed on disk; it is reported in /health and "
                    + "/core/audit/verify. New records keep chaining from the last stored one.");
        }
        if (anchor.isEmpty() && !replayed.isEmpty()) {
            LOGGER.log(Level.WARNING, "Bucket journal " + journal + " has no anchor; one is written now, "
                    + "so a truncation from here on is detected (one before now cannot be).");
            store.writeAnchor(journal);
        }
        return store;
    }

    /**
     * Appends an event unless the same identity already stored its {@code event_id}.
     *
     * @param requesterId the proven identity
     * @param eventData   the caller's event
     * @return the outcome: the new record, or the sequence number of the earlier one
     * @throws ProblemException 507 {@code storage_full}, 503 {@code journal_unavailable}, 400 {@code malformed_json}
     */
    public synchronized Appended append(String requesterId, ObjectNode eventData) {
        JsonNode eventId = eventData.get("event_id");
        String dedupKey = eventId != null && eventId.isTextual() ? dedupKey(requesterId, eventId.asText()) : null;
        if (dedupKey != null && seqByEventId.containsKey(dedupKey)) {
            duplicates++;
            return new Appended(seqByEventId.get(dedupKey), true, null);
        }
        if (chain.size() >= maxEvents) {
            throw ProblemException.of(507, "storage_full", "Bucket holds its maximum of " + maxEvents
                    + " events and never evicts audit records; new events are refused.");
        }
        long seq = Math.max(lastSeq, chain.size()) + 1;
        ObjectNode record = EventRecord.seal(seq, Instant.now(clock).toString(), requesterId, eventData, headHash);
        StoredRecord stored;
        try {
            stored = StoredRecord.sealed(record);
        } catch (IllegalArgumentException e) {
            // Text no UTF-8 encoder can write; JsonBodies refuses it first, this is the store's own guard.
            throw ProblemException.malformedJson("The event has text that is not valid Unicode; it was not stored.");
        }
        if (journal != null) {
            try {
                journal.append(stored, new Anchor(seq, record.get(EventRecord.HASH).asText()));
            } catch (java.io.UncheckedIOException e) {
                LOGGER.log(Level.ERROR, "Cannot append seq " + seq + " to the journal; the event is refused", e);
                throw ProblemException.of(503, "journal_unavailable",
                        "The audit journal cannot be written; the event was not stored.");
            }
        }
        index(record, stored);
        // The store keeps only the line: the tree is the caller's now.
        return new Appended(seq, false, record);
    }

    /**
     * @param filter which records to return
     * @param limit  at most this many, the newest ones
     * @return the matching records, oldest first, and how many matched in all
     */
    public Page query(Predicate<StoredRecord> filter, int limit) {
        List<StoredRecord> matching = select(filter);
        List<StoredRecord> last = matching.subList(Math.max(0, matching.size() - limit), matching.size());
        return new Page(last.stream().map(StoredRecord::json).toList(), matching.size());
    }

    /**
     * @param filter which records to select
     * @return the matching records, oldest first, without their JSON (for counting)
     */
    public synchronized List<StoredRecord> select(Predicate<StoredRecord> filter) {
        List<StoredRecord> matching = new ArrayList<>();
        for (StoredRecord record : chain) {
            if (record != null && filter.test(record)) {
                matching.add(record);
            }
        }
        return matching;
    }

    /**
     * Re-hashes every record. Records never change once stored, so this works on a copy of the
     * list, parsing one line at a time, and appends go on meanwhile.
     *
     * @return the chain re-verified record by record, together with what was found at start
     */
    public Verification verify() {
        List<StoredRecord> records;
        synchronized (this) {
            records = new ArrayList<>(chain);
        }
        Verification now = HashChain.verify(new AbstractList<>() {
            @Override
            public ObjectNode get(int index) {
                StoredRecord record = records.get(index);
                return record == null ? null : record.json();
            }

            @Override
            public int size() {
                return records.size();
            }
        });
        Long first = java.util.stream.Stream.of(firstInvalidAtStart, now.firstInvalidSeq())
                .filter(java.util.Objects::nonNull).min(Long::compare).orElse(null);
        return new Verification(first == null, now.length(), now.headHash(), first, missingAtStart);
    }

    /** @return length, head and validity without re-hashing (for health) */
    public synchronized Verification summary() {
        return new Verification(firstInvalidAtStart == null, chain.size(), headHash, firstInvalidAtStart,
                missingAtStart);
    }

    /** @return counters for stats and health */
    public synchronized Counts counts() {
        return new Counts(chain.size(), agents.size(), duplicates, maxEvents,
                Optional.ofNullable(journal).map(j -> j.path().toString()).orElse(null));
    }

    /** Closes the journal, if any. */
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }

    private synchronized void writeAnchor(java.nio.file.Path path) {
        try {
            new Anchor(lastSeq, headHash).write(path);
        } catch (java.io.UncheckedIOException e) {
            LOGGER.log(Level.ERROR, "Cannot write the journal anchor", e);
        }
    }

    private static String hashAt(List<ObjectNode> records, long seq) {
        return records.stream().filter(r -> r != null && r.path(EventRecord.SEQ).asLong(-1) == seq)
                .map(r -> r.path(EventRecord.HASH).asText()).findFirst().orElse("");
    }

    private void index(ObjectNode record, StoredRecord stored) {
        chain.add(stored);
        if (record == null) {
            lastSeq++;
            return;
        }
        JsonNode seq = record.get(EventRecord.SEQ);
        lastSeq = seq != null && seq.canConvertToLong() ? Math.max(lastSeq + 1, seq.asLong()) : lastSeq + 1;
        JsonNode hash = record.get(EventRecord.HASH);
        headHash = hash != null && hash.isTextual() ? hash.asText() : headHash;
        JsonNode eventId = record.get("event_id");
        JsonNode requester = record.get(EventRecord.REQUESTER_ID);
        if (eventId != null && eventId.isTextual() && requester != null && requester.isTextual()) {
            seqByEventId.putIfAbsent(dedupKey(requester.asText(), eventId.asText()), lastSeq);
        }
        JsonNode agent = record.get("agent_id");
        if (agent != null && agent.isTextual()) {
            agents.add(agent.asText());
        }
    }

    /**
     * An {@code event_id} is unique per writing identity, never across identities: another
     * writer's record with the same id must not make this writer's event a "duplicate"
     * (it could otherwise pre-empt the executor's audit record with a forged one).
     */
    private static String dedupKey(String requesterId, String eventId) {
        return requesterId + '\u0000' + eventId;
    }

    /**
     * @param seq       the record's sequence number (the earlier one for a duplicate)
     * @param duplicate true when nothing was appended
     * @param record    the new record, the caller's to keep; {@code null} for a duplicate
     */
    public record Appended(long seq, boolean duplicate, ObjectNode record) {
    }

    /**
     * @param events the records returned, oldest first
     * @param total  how many records matched
     */
    public record Page(List<ObjectNode> events, int total) {
    }

    /**
     * @param events     records stored
     * @param agents     distinct {@code agent_id}s seen
     * @param duplicates redeliveries ignored since start
     * @param capacity   most records kept
     * @param journal    the journal's path, {@code null} when memory only
     */
    public record Counts(long events, long agents, long duplicates, int capacity, String journal) {
    }
}
