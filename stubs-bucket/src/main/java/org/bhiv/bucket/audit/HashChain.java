package org.bhiv.bucket.audit;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.CanonicalJson;
import org.bhiv.server.Hashing;

/**
 * The audit hash chain: {@code hash = hex(SHA-256(prev_hash + canonical JSON of the record
 * without "hash"))}, where the first record's {@code prev_hash} is {@link #GENESIS} (64 zeros).
 * Changing, removing, inserting or reordering any stored record breaks the chain from that
 * record on.
 */
public final class HashChain {

    /** The {@code prev_hash} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {
    }

    /**
     * @param prevHash the previous record's hash
     * @param record   the record, with or without its own {@code hash} member (ignored)
     * @return the record's hash, 64 lowercase hex digits
     */
    public static String hash(String prevHash, ObjectNode record) {
        ObjectNode withoutHash = record;
        if (record.has(EventRecord.HASH)) {
            // A shallow copy: the members are only read.
            withoutHash = JsonNodeFactory.instance.objectNode().setAll(record);
            withoutHash.remove(EventRecord.HASH);
        }
        return Hashing.sha256Hex(prevHash + CanonicalJson.of(withoutHash));
    }

    /**
     * Verifies records in journal order.
     *
     * @param records the records, oldest first; {@code null} marks a line that could not be read
     * @return the verdict, naming the first invalid sequence number
     */
    public static Verification verify(List<ObjectNode> records) {
        String expectedPrev = GENESIS;
        String head = GENESIS;
        long expectedSeq = 1;
        Long firstInvalid = null;
        for (ObjectNode record : records) {
            if (firstInvalid == null && !holds(record, expectedSeq, expectedPrev)) {
                firstInvalid = expectedSeq;
            }
            // Carry on from what is stored, so later records are judged on their own links.
            if (record != null) {
                head = text(record, EventRecord.HASH);
                expectedPrev = head;
                expectedSeq = record.path(EventRecord.SEQ).canConvertToLong()
                        ? record.get(EventRecord.SEQ).asLong() + 1 : expectedSeq + 1;
            } else {
                expectedSeq++;
            }
        }
        return new Verification(firstInvalid == null, records.size(), head, firstInvalid);
    }

    private static boolean holds(ObjectNode record, long expectedSeq, String expectedPrev) {
        if (record == null) {
            return false;
        }
        JsonNode seq = record.get(EventRecord.SEQ);
        return seq != null && seq.isIntegralNumber() && seq.asLong() == expectedSeq
                && expectedPrev.equals(text(record, EventRecord.PREV_HASH))
                && hash(expectedPrev, record).equals(text(record, EventRecord.HASH));
    }

    private static String text(ObjectNode record, String field) {
        JsonNode value = record.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }
}
