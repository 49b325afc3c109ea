package org.bhiv.bucket.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.server.Json;

/**
 * The journal's head as last written: sequence number and hash, kept in a small file beside
 * the journal ({@code <journal>.anchor}) and overwritten after each append. At start the journal
 * must reach this head: records that were acknowledged and are gone (a truncated journal) are
 * then named instead of passing as a shorter valid chain. It cannot catch someone who rewrites
 * both files consistently.
 *
 * @param seq  the last record's sequence number
 * @param hash the last record's hash
 */
record Anchor(long seq, String hash) {

    /** @return where the anchor of {@code journal} lives */
    static Path pathFor(Path journal) {
        return journal.resolveSibling(journal.getFileName() + ".anchor");
    }

    /**
     * @param journal the journal file
     * @return the anchor, empty when there is none; an unreadable anchor is an anchor at seq 0
     *         with a hash no record has, so the verdict names seq 0 (the anchor itself)
     */
    static Optional<Anchor> read(Path journal) {
        Path file = pathFor(journal);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = Json.mapper().readTree(Files.readAllBytes(file));
            if (node != null && node.path("seq").canConvertToLong() && node.path("hash").isTextual()) {
                return Optional.of(new Anchor(node.get("seq").asLong(), node.get("hash").asText()));
            }
        } catch (IOException e) {
            // fall through: an anchor that cannot be read is reported, never ignored
        }
        return Optional.of(new Anchor(0, "unreadable"));
    }

    /** How long {@link #bytes()} is: the anchor is overwritten in place, one write of this many bytes. */
    static final int LENGTH = 128;

    /**
     * @return the anchor as one line of JSON padded with spaces to {@link #LENGTH} bytes, so that
     *         overwriting the file in place with one write leaves no tail of an older, longer anchor
     */
    byte[] bytes() {
        String json = "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\"}";
        return (json + " ".repeat(Math.max(0, LENGTH - 1 - json.length())) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Replaces the anchor atomically (a temporary file moved over it), so a crash leaves the old
     * anchor or the new one, never half of one.
     *
     * @param journal the journal file
     * @throws UncheckedIOException when it cannot be written
     */
    void write(Path journal) {
        Path file = pathFor(journal);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes());
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Bucket journal anchor " + file, e);
        }
    }
}
