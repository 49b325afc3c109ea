package org.bhiv.bucket.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Json;

/**
 * One record as the store keeps it in memory: its journal line (compact JSON, UTF-8, ending in
 * a newline) and the top-level members that reads filter and count by. The JSON tree is rebuilt
 * only when the record is read. Keeping every record as a tree of nodes for the life of the
 * process made the garbage collector Bucket's largest cost under load (about a third of its CPU
 * at 275,000 records) and took about 3 KB a record; a line is one array the collector never scans.
 */
public final class StoredRecord {

    private final byte[] line;
    private final String requesterId;
    private final String eventType;
    private final String traceId;
    private final String agentId;

    private StoredRecord(byte[] line, ObjectNode record) {
        this.line = line;
        this.requesterId = text(record, EventRecord.REQUESTER_ID);
        this.eventType = text(record, "event_type");
        this.traceId = text(record, "trace_id");
        this.agentId = text(record, "agent_id");
    }

    /**
     * A record about to be appended. Text that no UTF-8 encoder can write (an unpaired
     * surrogate) is refused here, before anything reaches the journal.
     *
     * @param record the sealed record
     * @return the record as stored
     * @throws IllegalArgumentException when the record cannot be encoded as UTF-8
     */
    static StoredRecord sealed(ObjectNode record) {
        try {
            String text = Json.mapper().writeValueAsString(record) + "\n";
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] line = new byte[bytes.remaining()];
            bytes.get(line);
            return new StoredRecord(line, record);
        } catch (IOException e) {
            // CharacterCodingException (an unpaired surrogate) or a Jackson failure: nothing was written.
            throw new IllegalArgumentException("The record cannot be encoded as UTF-8; nothing was written", e);
        }
    }

    /**
     * A record read back from the journal, kept exactly as read (an escaped unpaired surrogate in
     * a line changed on disk stays escaped, so verification judges what is on disk).
     *
     * @param record the record as parsed from its line
     * @return the record as stored
     */
    static StoredRecord replayed(ObjectNode record) {
        try {
            return new StoredRecord((Json.mapper().writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8),
                    record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the record as a fresh JSON tree, the caller's to change */
    public ObjectNode json() {
        try {
            return (ObjectNode) Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("A stored record no longer parses", e);
        }
    }

    /** @return the journal line, newline included; not to be modified */
    byte[] line() {
        return line;
    }

    /** @return {@code requester_id}, {@code null} when it is not a string */
    public String requesterId() {
        return requesterId;
    }

    /** @return {@code event_type}, {@code null} when absent or not a string */
    public String eventType() {
        return eventType;
    }

    /** @return {@code trace_id}, {@code null} when absent or not a string */
    public String traceId() {
        return traceId;
    }

    /** @return {@code agent_id}, {@code null} when absent or not a string */
    public String agentId() {
        return agentId;
    }

    private static String text(ObjectNode record, String field) {
        JsonNode value = record.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
