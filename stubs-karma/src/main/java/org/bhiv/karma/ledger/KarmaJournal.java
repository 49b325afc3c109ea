package org.bhiv.karma.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Json;

/**
 * Karma's append-only JSON-lines journal, so users, balances and recent events survive a
 * restart. Each applied entry is one line, written and flushed before Karma answers. After
 * {@code compactAfter} appended lines the journal is rewritten as a snapshot (one line per
 * account and per remembered event id) into a temporary file that replaces it atomically, so the
 * file stays bounded by the ledger's own bounds. A torn last line (a crash mid-write) is skipped
 * at replay and the next line starts on its own.
 */
final class KarmaJournal implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(KarmaJournal.class.getName());

    private final Path path;
    private final int compactAfter;
    private OutputStream out;
    private long appended;

    private KarmaJournal(Path path, int compactAfter) {
        this.path = path;
        this.compactAfter = compactAfter;
    }

    /** What a journal line holds. */
    sealed interface Line {
        /** An entry applied at {@code at}. */
        record Entry(KarmaEntry entry, Instant at) implements Line {
        }

        /** An account from a snapshot. */
        record User(UserState state) implements Line {
        }

        /** An event id a writer sent, from a snapshot, oldest first. */
        record Seen(String writer, String eventId) implements Line {
        }
    }

    /**
     * Reads every line of a journal.
     *
     * @param path the file; absent means empty
     * @return its lines, oldest first, without a torn last line and without lines that cannot be read
     */
    static List<Line> read(Path path) {
        if (!Files.exists(path)) {
            return List.of();
        }
        List<String> texts;
        try {
            texts = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Karma journal " + path, e);
        }
        List<Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Line line = parse(texts.get(i));
            if (line != null) {
                lines.add(line);
            } else if (i == texts.size() - 1) {
                LOGGER.log(System.Logger.Level.WARNING, "Karma journal " + path + ": the last line is torn "
                        + "(a crash while it was written); it is skipped");
            } else {
                LOGGER.log(System.Logger.Level.ERROR, "Karma journal " + path + ": line " + (i + 1)
                        + " cannot be read and is skipped; karma from it is lost");
            }
        }
        return lines;
    }

    /**
     * Opens the journal for appending (creating it and its directory).
     *
     * @param path         the file
     * @param compactAfter lines appended before the journal is rewritten as a snapshot
     * @return the journal
     */
    static KarmaJournal open(Path path, int compactAfter) {
        KarmaJournal journal = new KarmaJournal(path, compactAfter);
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            journal.out = openForAppend(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the Karma journal " + path, e);
        }
        return journal;
    }

    /**
     * Appends one applied entry and flushes it.
     *
     * @param entry the entry
     * @param at    when it was applied
     * @throws UncheckedIOException when it cannot be written (the journal is reopened for the next one)
     */
    void append(KarmaEntry entry, Instant at) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("t", "entry");
        line.put("at", at.toString());
        line.set("entry", Json.mapper().valueToTree(entry));
        try {
            if (out == null) {
                out = openForAppend(path);
            }
            out.write((Json.mapper().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            appended++;
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("Cannot append to the Karma journal " + path, e);
        }
    }

    /** @return true when enough lines were appended since the last snapshot to write a new one */
    boolean wantsSnapshot() {
        return appended >= compactAfter;
    }

    /**
     * Replaces the journal with a snapshot of the ledger.
     *
     * @param users the accounts
     * @param seen  the remembered event ids, oldest first, as {writer, event_id}
     */
    void snapshot(List<UserState> users, List<String[]> seen) {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream file = java.nio.channels.Channels.newOutputStream(channel)) {
            var buffered = new java.io.BufferedOutputStream(file);
            for (UserState user : users) {
                ObjectNode line = Json.mapper().createObjectNode().put("t", "user");
                line.set("user", Json.mapper().valueToTree(user));
                buffered.write((Json.mapper().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (String[] id : seen) {
                ObjectNode line = Json.mapper().createObjectNode().put("t", "seen").put("writer", id[0]).put("event_id", id[1]);
                buffered.write((Json.mapper().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            buffered.flush();
            channel.force(true);
        } catch (IOException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Cannot write a Karma journal snapshot; the journal keeps growing", e);
            return;
        }
        closeQuietly();
        try {
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            appended = 0;
        } catch (IOException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Cannot replace the Karma journal with its snapshot", e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the stream is dropped; the next append reopens the file
            }
        }
        out = null;
    }

    private static OutputStream openForAppend(Path path) throws IOException {
        boolean torn = Files.exists(path) && Files.size(path) > 0 && lastByte(path) != '\n';
        OutputStream stream = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (torn) {
            // The next line starts on its own instead of being glued onto a torn one.
            stream.write('\n');
            stream.flush();
        }
        return stream;
    }

    private static int lastByte(Path path) throws IOException {
        try (var channel = Files.newByteChannel(path, StandardOpenOption.READ)) {
            var last = java.nio.ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0);
        }
    }

    private static Line parse(String text) {
        try {
            JsonNode node = Json.mapper().readTree(text);
            return switch (node == null ? "" : node.path("t").asText()) {
                case "entry" -> new Line.Entry(Json.mapper().treeToValue(node.get("entry"), KarmaEntry.class),
                        Instant.parse(node.get("at").asText()));
                case "user" -> new Line.User(Json.mapper().treeToValue(node.get("user"), UserState.class));
                case "seen" -> new Line.Seen(node.path("writer").asText(), node.path("event_id").asText());
                default -> null;
            };
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
