package org.bhiv.bucket.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The verdict on the audit chain, as {@code /core/audit/verify} and {@code /health} report it.
 *
 * @param valid           true when every record links to the previous one, hashes to its stored
 *                        hash, and the journal reaches the head its anchor recorded
 * @param length          number of records (journal lines) examined
 * @param headHash        the hash of the last record ({@link HashChain#GENESIS} when empty)
 * @param firstInvalidSeq the first sequence number that does not verify (or is missing), {@code null} when valid
 * @param missing         records the anchor says were written but the journal no longer holds,
 *                        {@code null} when none are missing
 */
public record Verification(boolean valid,
                           long length,
                           @JsonProperty("head_hash") String headHash,
                           @JsonProperty("first_invalid_seq") Long firstInvalidSeq,
                           Missing missing) {

    /** A verdict without missing records. */
    public Verification(boolean valid, long length, String headHash, Long firstInvalidSeq) {
        this(valid, length, headHash, firstInvalidSeq, null);
    }

    /**
     * Records acknowledged once and gone from the journal now (it was truncated).
     *
     * @param fromSeq first missing sequence number
     * @param toSeq   last missing sequence number (the anchor's head)
     */
    public record Missing(@JsonProperty("from_seq") long fromSeq, @JsonProperty("to_seq") long toSeq) {
    }
}
