package org.bhiv.bucket.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The append-only JSON-lines journal: one stored record per line, UTF-8, written and flushed
 * before Bucket answers. Nothing rewrites or truncates it; a line that cannot be read back is
 * kept on disk and reported by the chain verification, never skipped silently.
 */
public final class Journal implements AutoCloseable {

    private final Path path;
    private final BufferedWriter writer;

    private Journal(Path path, BufferedWriter writer) {
        this.path = path;
        this.writer = writer;
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
            BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            if (endsWithoutNewline(path)) {
                // A torn last line (a crash mid-write) stays as it is, reported by verification;
                // the next record starts on a line of its own instead of being glued onto it.
                writer.write('\n');
                writer.flush();
            }
            return new Journal(path, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the Bucket journal " + path, e);
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
     * Appends one record and flushes it to the operating system.
     *
     * @param record the sealed record
     */
    public synchronized void append(ObjectNode record) {
        try {
            writer.write(Json.mapper().writeValueAsString(record));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to the Bucket journal " + path, e);
        }
    }

    /** @return the journal's file */
    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
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
