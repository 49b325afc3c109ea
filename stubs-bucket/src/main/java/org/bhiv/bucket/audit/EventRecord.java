package org.bhiv.bucket.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a stored record: {@code {"seq", "received_at", "requester_id", ...event_data,
 * "timestamp", "prev_hash", "hash"}}. The server-set members cannot be overridden by
 * {@code event_data}; {@code timestamp} is kept from {@code event_data} when present.
 */
public final class EventRecord {

    /** Sequence number, 1 for the first record. */
    public static final String SEQ = "seq";
    /** When Bucket stored the record (ISO-8601 UTC). */
    public static final String RECEIVED_AT = "received_at";
    /** The proven identity that wrote it. */
    public static final String REQUESTER_ID = "requester_id";
    /** The previous record's hash. */
    public static final String PREV_HASH = "prev_hash";
    /** This record's hash. */
    public static final String HASH = "hash";
    /** Kept from event_data, else received_at. */
    public static final String TIMESTAMP = "timestamp";

    /** Members Bucket sets; {@code event_data} values for them are ignored. */
    public static final Set<String> SERVER_SET = Set.of(SEQ, RECEIVED_AT, REQUESTER_ID, PREV_HASH, HASH);

    private EventRecord() {
    }

    /**
     * @param seq         the record's sequence number
     * @param receivedAt  ISO-8601 time of receipt
     * @param requesterId the proven identity
     * @param eventData   the caller's event (not modified; its member values become the record's,
     *                    so the caller must not change them afterwards)
     * @param prevHash    the previous record's hash
     * @return the sealed record, with its hash
     */
    public static ObjectNode seal(long seq, String receivedAt, String requesterId, ObjectNode eventData, String prevHash) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put(SEQ, seq);
        record.put(RECEIVED_AT, receivedAt);
        record.put(REQUESTER_ID, requesterId);
        eventData.fields().forEachRemaining(field -> {
            if (!SERVER_SET.contains(field.getKey())) {
                record.set(field.getKey(), field.getValue());
            }
        });
        if (!record.hasNonNull(TIMESTAMP)) {
            record.put(TIMESTAMP, receivedAt);
        }
        record.put(PREV_HASH, prevHash);
        record.put(HASH, HashChain.hash(prevHash, record));
        return record;
    }

    /**
     * @param eventData the caller's event
     * @return the server-set member names it tried to set, which were ignored
     */
    public static List<String> overridesIn(ObjectNode eventData) {
        List<String> found = new ArrayList<>();
        eventData.fieldNames().forEachRemaining(name -> {
            if (SERVER_SET.contains(name)) {
                found.add(name);
            }
        });
        return found;
    }
}
