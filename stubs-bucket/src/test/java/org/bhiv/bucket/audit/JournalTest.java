package org.bhiv.bucket.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal writes whole lines or nothing, and one refused record does not stop the next. */
class JournalTest {

    @TempDir
    Path dir;

    @Test
    void aRecordThatCannotBeEncodedLeavesTheFileIntactAndTheNextAppendWorks() throws Exception {
        Path file = dir.resolve("bucket.jsonl");
        try (Journal journal = Journal.open(file)) {
            append(journal, record(1, "first"));
            byte[] before = Files.readAllBytes(file);

            assertThatThrownBy(() -> append(journal, record(2, "lone \ud800 surrogate")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Files.readAllBytes(file)).isEqualTo(before);

            append(journal, record(2, "second"));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).containsExactly("{\"seq\":1,\"s\":\"first\"}", "{\"seq\":2,\"s\":\"second\"}");
        assertThat(Journal.read(file)).hasSize(2).doesNotContainNull();
    }

    @Test
    void textOutsideTheBasicPlaneIsWrittenAsUtf8AndReadBack() {
        Path file = dir.resolve("bucket.jsonl");
        try (Journal journal = Journal.open(file)) {
            append(journal, record(1, "smile \ud83d\ude00"));
        }
        assertThat(Journal.read(file).get(0).get("s").asText()).isEqualTo("smile \ud83d\ude00");
    }

    @Test
    void aTornLastLineIsKeptAndTheNextRecordStartsOnALineOfItsOwn() throws Exception {
        Path file = dir.resolve("bucket.jsonl");
        Files.writeString(file, "{\"seq\":1,\"s\":\"a\"}\n{\"seq\":2,\"s", StandardCharsets.UTF_8);
        try (Journal journal = Journal.open(file)) {
            append(journal, record(3, "c"));
        }
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .containsExactly("{\"seq\":1,\"s\":\"a\"}", "{\"seq\":2,\"s", "{\"seq\":3,\"s\":\"c\"}");
        List<ObjectNode> read = Journal.read(file);
        assertThat(read).hasSize(3);
        assertThat(read.get(1)).as("the torn line is reported as unreadable, not skipped").isNull();
        assertThat(read.get(2).get("seq").asInt()).isEqualTo(3);
    }

    /** As the store appends: encoded first (which refuses what cannot be encoded), then written. */
    private static void append(Journal journal, ObjectNode record) {
        journal.append(StoredRecord.sealed(record), new Anchor(record.get("seq").asLong(), "h" + record.get("seq")));
    }

    private static ObjectNode record(int seq, String text) {
        return JsonNodeFactory.instance.objectNode().put("seq", seq).put("s", text);
    }
}
