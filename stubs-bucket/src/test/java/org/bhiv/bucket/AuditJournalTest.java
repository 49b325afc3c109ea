package org.bhiv.bucket;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail survives a restart through its journal, and a record changed on disk is
 * detected at the next start, named by its sequence number.
 */
class AuditJournalTest {

    @TempDir
    Path dir;

    @Test
    void journalIsReplayedAndVerifiedAfterARestart() {
        Path journal = dir.resolve("bucket.jsonl");
        String head;
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            writeFive(bucket);
            head = bucket.get("/core/audit/verify", BucketFixture.CORE).json().get("head_hash").asText();
        }
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            JsonNode verdict = bucket.get("/core/audit/verify", BucketFixture.CORE).json();
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("length").asInt()).isEqualTo(5);
            assertThat(verdict.get("head_hash").asText()).isEqualTo(head);
            assertThat(verdict.get("first_invalid_seq").isNull()).isTrue();
            // A redelivery of an event stored before the restart is still recognised.
            BucketFixture.Answer again = bucket.writeAsExecutor("{\"event_id\":\"e-3\",\"event_type\":\"workflow_execution\"}");
            assertThat(again.json().get("duplicate").asBoolean()).isTrue();
            assertThat(again.json().get("seq").asLong()).isEqualTo(3);
            BucketFixture.Answer next = bucket.writeAsExecutor("{\"event_id\":\"e-6\",\"event_type\":\"workflow_execution\"}");
            assertThat(next.json().get("seq").asLong()).isEqualTo(6);
        }
    }

    @Test
    void oneChangedByteOnDiskIsReportedWithItsSequenceNumberAfterRestart() throws Exception {
        Path journal = dir.resolve("bucket.jsonl");
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            writeFive(bucket);
        }
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        assertThat(lines.get(2)).contains("\"user_id\":\"user-3\"");
        lines.set(2, lines.get(2).replace("\"user_id\":\"user-3\"", "\"user_id\":\"user-8\""));
        Files.write(journal, lines, StandardCharsets.UTF_8);

        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            JsonNode verdict = bucket.get("/core/audit/verify", BucketFixture.OPERATOR).json();
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("first_invalid_seq").asLong()).isEqualTo(3);
            assertThat(verdict.get("length").asInt()).isEqualTo(5);

            JsonNode health = bucket.get("/health", null).json();
            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(health.at("/governance/audit_chain/valid").asBoolean()).isFalse();
            assertThat(health.at("/governance/audit_chain/first_invalid_seq").asLong()).isEqualTo(3);

            // The service still takes writes, chained from the last stored record; the break stays reported.
            String lastHash = bucket.get("/core/events?limit=1", BucketFixture.CORE).json().at("/events/0/hash").asText();
            BucketFixture.Answer next = bucket.writeAsExecutor("{\"event_id\":\"e-6\",\"event_type\":\"workflow_execution\"}");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().get("seq").asLong()).isEqualTo(6);
            JsonNode sixth = bucket.get("/core/events?limit=1", BucketFixture.CORE).json().at("/events/0");
            assertThat(sixth.get("prev_hash").asText()).isEqualTo(lastHash);
            assertThat(bucket.get("/core/audit/verify", BucketFixture.CORE).json().get("first_invalid_seq").asLong())
                    .isEqualTo(3);
        }
    }

    @Test
    void aTruncatedJournalIsReportedWithTheMissingRangeAfterRestart() throws Exception {
        Path journal = dir.resolve("bucket.jsonl");
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            writeFive(bucket);
        }
        assertThat(Files.readString(dir.resolve("bucket.jsonl.anchor"))).contains("\"seq\":5");
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        Files.write(journal, lines.subList(0, 3), StandardCharsets.UTF_8);

        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            JsonNode verdict = bucket.get("/core/audit/verify", BucketFixture.CORE).json();
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("first_invalid_seq").asLong()).isEqualTo(4);
            assertThat(verdict.at("/missing/from_seq").asLong()).isEqualTo(4);
            assertThat(verdict.at("/missing/to_seq").asLong()).isEqualTo(5);
            JsonNode health = bucket.get("/health", null).json();
            assertThat(health.get("status").asText()).isEqualTo("degraded");
            assertThat(health.at("/governance/audit_chain/missing/from_seq").asLong()).isEqualTo(4);

            // The missing numbers are never handed out again.
            assertThat(bucket.writeAsExecutor("{\"event_id\":\"e-6\"}").json().get("seq").asLong()).isEqualTo(6);
        }
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            JsonNode verdict = bucket.get("/core/audit/verify", BucketFixture.CORE).json();
            assertThat(verdict.get("valid").asBoolean()).as("the gap stays reported").isFalse();
            assertThat(verdict.get("first_invalid_seq").asLong()).isEqualTo(4);
        }
    }

    @Test
    void anIntactJournalWithItsAnchorIsValidAndHasNothingMissing() {
        Path journal = dir.resolve("bucket.jsonl");
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            writeFive(bucket);
        }
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            JsonNode verdict = bucket.get("/core/audit/verify", BucketFixture.CORE).json();
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("missing").isNull()).isTrue();
        }
    }

    @Test
    void aLineThatIsNoLongerJsonIsReportedNotSkipped() throws Exception {
        Path journal = dir.resolve("bucket.jsonl");
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            writeFive(bucket);
        }
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        lines.set(1, lines.get(1).substring(1));
        Files.write(journal, lines, StandardCharsets.UTF_8);

        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            JsonNode verdict = bucket.get("/core/audit/verify", BucketFixture.CORE).json();
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("first_invalid_seq").asLong()).isEqualTo(2);
            assertThat(bucket.get("/health", null).json().get("status").asText()).isEqualTo("degraded");
        }
    }

    @Test
    void aTornLastLineIsReportedAndTheNextRecordStartsOnItsOwnLine() throws Exception {
        Path journal = dir.resolve("bucket.jsonl");
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            writeFive(bucket);
        }
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        Files.writeString(journal, text.substring(0, text.length() - 20), StandardCharsets.UTF_8);

        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            assertThat(bucket.writeAsExecutor("{\"event_id\":\"e-6\"}").json().get("seq").asLong()).isEqualTo(6);
            JsonNode verdict = bucket.get("/core/audit/verify", BucketFixture.CORE).json();
            assertThat(verdict.get("first_invalid_seq").asLong()).isEqualTo(5);
            assertThat(verdict.get("length").asInt()).isEqualTo(6);
        }
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(5)).startsWith("{\"seq\":6,");
    }

    @Test
    void aLoneSurrogateIsRefusedNamingTheFieldAndLaterWritesAndTheChainAreUnharmed() {
        Path journal = dir.resolve("bucket.jsonl");
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            writeFive(bucket);
            BucketFixture.Answer refused = bucket.writeAsExecutor("{\"event_id\":\"e-bad\",\"s\":\"\\ud800\"}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("error_code").asText()).isEqualTo("malformed_json");
            assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("event_data.s");
            assertThat(refused.json().get("success").asBoolean()).isFalse();

            BucketFixture.Answer next = bucket.writeAsExecutor("{\"event_id\":\"e-6\",\"event_type\":\"workflow_execution\"}");
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.json().get("seq").asLong()).isEqualTo(6);
        }
        try (BucketFixture bucket = BucketFixture.start(Map.of("bucket.journal", journal.toString()))) {
            JsonNode verdict = bucket.get("/core/audit/verify", BucketFixture.CORE).json();
            assertThat(verdict.get("valid").asBoolean()).isTrue();
            assertThat(verdict.get("length").asInt()).isEqualTo(6);
            assertThat(verdict.get("first_invalid_seq").isNull()).isTrue();
        }
    }

    private static void writeFive(BucketFixture bucket) {
        for (int i = 1; i <= 5; i++) {
            BucketFixture.Answer answer = bucket.writeAsExecutor("{\"event_id\":\"e-" + i
                    + "\",\"event_type\":\"workflow_execution\",\"user_id\":\"user-" + i + "\",\"trace_id\":\"t-" + i + "\"}");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("seq").asLong()).isEqualTo(i);
        }
    }
}
