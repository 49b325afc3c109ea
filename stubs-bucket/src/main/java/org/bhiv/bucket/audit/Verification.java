package org.bhiv.bucket.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The verdict on the audit chain, as {@code /core/audit/verify} and {@code /health} report it.
 *
 * @param valid           true when every record links to the previous one and hashes to its stored hash
 * @param length          number of records (journal lines) examined
 * @param headHash        the hash of the last record ({@link HashChain#GENESIS} when empty)
 * @param firstInvalidSeq the first sequence number that does not verify, {@code null} when valid
 */
public record Verification(boolean valid,
                           long length,
                           @JsonProperty("head_hash") String headHash,
                           @JsonProperty("first_invalid_seq") Long firstInvalidSeq) {
}
