package org.bhiv.bucket.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Json;

/**
 * The append-only JSON-lines journal: one stored record per line, UTF-8, written to the
 * operating system before Bucket answers (not fsynced). Nothing rewrites or truncates it; a line that cannot be read back is
 * kept on disk and reported by the chain verification, never skipped silently.
 *
 * <p>Each record arrives encoded to complete UTF-8 bytes ({@link StoredRecord#sealed}: a record
 * that cannot be encoded is refused before it gets here) and is written with one write call.
 * After an I/O failure the file is reopened, so one failure does not refuse every later record.
 * After each record the {@link Anchor} beside the journal is overwritten with the new head, so a
 * journal cut short is noticed at the next start.
 */
public final class Journal implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(Journal.class.getName());

    private final Path path;
    private OutputStream out;
    private FileChannel anchorChannel;

    private Journal(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    /**
     * Opens the journal for appending, creating it (and its directory) when absent.
     *
     * @param path the file
     * @return the journal
     */
    public static Journal open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new Journal(path, openForAppend(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the Bucket journal " + path, e);
        }
    }

    private static OutputStream openForAppend(Path path) throws IOException {
        OutputStream out = Files.newOutputStream(path,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        try {
            if (endsWithoutNewline(path)) {
                // A torn last line (a crash or failure mid-write) stays as it is, reported by
                // verification; the next record starts on a line of its own instead of being glued onto it.
                out.write('\n');
                out.flush();
            }
            return out;
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Reads every line of a journal.
     *
     * @param path the file; absent means empty
     * @return one entry per non-blank line, oldest first; {@code null} for a line that is not a JSON object
     */
    public static List<ObjectNode> read(Path path) {
        List<ObjectNode> records = new ArrayList<>();
        if (!Files.exists(path)) {
            return records;
        }
        String text;
        try {
            // new String(..) replaces malformed UTF-8 instead of failing: such a line then no
            // longer hashes to its stored hash and is reported, and the service still starts.
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Bucket journal " + path, e);
        }
        text.lines().filter(line -> !line.isBlank()).forEach(line -> records.add(parse(line)));
        return records;
    }

    /**
     * Appends one record with one write call, so that it reaches the operating system (and
     * survives a crash of this process) before Bucket answers, then records the new head in
     * the anchor.
     *
     * @param record the record, already encoded
     * @param head   the new head: the record's sequence number and hash
     * @throws UncheckedIOException when the write fails (the journal is reopened for the next record)
     */
    synchronized void append(StoredRecord record, Anchor head) {
        try {
            if (out == null) {
                out = openForAppend(path);
            }
            out.write(record.line());
        } catch (IOException e) {
            reset();
            throw new UncheckedIOException("Cannot append to the Bucket journal " + path, e);
        }
        try {
            writeAnchor(head);
        } catch (IOException e) {
            closeAnchor();
            // The record is stored; an anchor left one record behind still matches at the next start.
            LOGGER.log(System.Logger.Level.ERROR, "The record seq " + head.seq()
                    + " is stored, but the journal anchor could not be updated", e);
        }
    }

    /**
     * Overwrites the anchor in place with one positional write. Replacing the file (write a
     * temporary one, rename it over) costs the file system a flush per append on ext4 (it protects
     * a renamed-over file that way), about 15 ms here: Bucket took 60 events/s. One write of 128
     * bytes at offset 0 is whole or not done when a process dies; a power loss may tear it, and the
     * anchor then reads as unreadable and is reported, never ignored.
     */
    private void writeAnchor(Anchor anchor) throws IOException {
        if (anchorChannel == null) {
            anchorChannel = FileChannel.open(Anchor.pathFor(path), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (anchorChannel.size() > Anchor.LENGTH) {
                anchorChannel.truncate(Anchor.LENGTH); // an anchor file written by an older version
            }
        }
        ByteBuffer bytes = ByteBuffer.wrap(anchor.bytes());
        long position = 0;
        while (bytes.hasRemaining()) {
            position += anchorChannel.write(bytes, position);
        }
    }

    private void closeAnchor() {
        try {
            if (anchorChannel != null) {
                anchorChannel.close();
            }
        } catch (IOException ignored) {
            // reopened for the next record
        }
        anchorChannel = null;
    }

    /**
     * @param path the journal file
     * @return the head recorded beside it, empty when there is no anchor file
     */
    static java.util.Optional<Anchor> anchor(Path path) {
        return Anchor.read(path);
    }

    /** Drops the stream after a failure; the next append opens the file afresh. */
    private void reset() {
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // The stream is already broken; the reopened one is what counts.
        }
        out = null;
    }

    /** @return the journal's file */
    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        closeAnchor();
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean endsWithoutNewline(Path path) throws IOException {
        try (var channel = Files.newByteChannel(path, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                return false;
            }
            var last = java.nio.ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) != '\n';
        }
    }

    private static ObjectNode parse(String line) {
        try {
            JsonNode node = Json.mapper().readTree(line);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
