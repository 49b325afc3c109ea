package org.bhiv.karma;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users, balances, recent events and remembered event ids survive a restart through Karma's
 * journal, also after it was compacted into a snapshot, and a torn last line costs only that line.
 */
class KarmaJournalTest {

    @TempDir
    Path dir;

    @Test
    void karmaSurvivesARestart() {
        Path journal = dir.resolve("karma.jsonl");
        JsonNode before;
        try (KarmaFixture karma = KarmaFixture.start(Map.of("karma.journal", journal.toString()))) {
            seed(karma);
            before = karma.get("/api/v1/karma/u1", null).json();
        }
        try (KarmaFixture karma = KarmaFixture.start(Map.of("karma.journal", journal.toString()))) {
            assertThat(karma.get("/api/v1/karma/u1", null).json()).isEqualTo(before);
            assertThat(karma.get("/api/v1/karma/u2", null).status()).isEqualTo(200);
            // a redelivery of an event applied before the restart is still a duplicate
            assertThat(karma.lifeEvent("u1", "workflow_success", "w-1").json().get("duplicate").asBoolean()).isTrue();
            // the cheat count survived: the third cheat costs 10
            karma.lifeEvent(KarmaFixture.CORE, "u1", "cheat", "c-3");
            assertThat(karma.get("/api/v1/karma/u1", null).json().at("/balances/DharmaPoints").asLong())
                    .isEqualTo(before.at("/balances/DharmaPoints").asLong() - 10);
        }
    }

    @Test
    void aCompactedJournalKeepsEverythingAndStaysSmall() throws Exception {
        Path journal = dir.resolve("karma.jsonl");
        JsonNode before;
        try (KarmaFixture karma = KarmaFixture.start(Map.of("karma.journal", journal.toString(),
                "karma.journal-compact-after", "3"))) {
            seed(karma);
            for (int i = 0; i < 20; i++) {
                karma.lifeEvent("u2", "workflow_success", "many-" + i);
            }
            before = karma.get("/api/v1/karma/u2", null).json();
        }
        // 2 users + at most 25 remembered ids + fewer than 3 entries since the last snapshot
        assertThat(Files.readAllLines(journal)).hasSizeLessThan(2 + 25 + 3);
        try (KarmaFixture karma = KarmaFixture.start(Map.of("karma.journal", journal.toString()))) {
            assertThat(karma.get("/api/v1/karma/u2", null).json()).isEqualTo(before);
            assertThat(karma.lifeEvent("u2", "workflow_success", "many-7").json().get("duplicate").asBoolean()).isTrue();
        }
    }

    @Test
    void aTornLastLineIsSkippedAndTheRestIsKept() throws Exception {
        Path journal = dir.resolve("karma.jsonl");
        try (KarmaFixture karma = KarmaFixture.start(Map.of("karma.journal", journal.toString()))) {
            seed(karma);
            karma.lifeEvent("u3", "workflow_success", "torn-1");
        }
        String text = Files.readString(journal, StandardCharsets.UTF_8);
        Files.writeString(journal, text.substring(0, text.length() - 15), StandardCharsets.UTF_8);

        try (KarmaFixture karma = KarmaFixture.start(Map.of("karma.journal", journal.toString()))) {
            assertThat(karma.get("/api/v1/karma/u1", null).status()).isEqualTo(200);
            assertThat(karma.get("/api/v1/karma/u3", null).status()).as("its only entry was the torn line").isEqualTo(404);
            assertThat(karma.lifeEvent("u3", "workflow_success", "torn-2").status()).isEqualTo(200);
        }
        try (KarmaFixture karma = KarmaFixture.start(Map.of("karma.journal", journal.toString()))) {
            assertThat(karma.get("/api/v1/karma/u3", null).json().at("/action_stats/total_actions").asLong()).isEqualTo(1);
        }
    }

    private static void seed(KarmaFixture karma) {
        assertThat(karma.lifeEvent("u1", "workflow_success", "w-1").status()).isEqualTo(200);
        assertThat(karma.lifeEvent(KarmaFixture.CORE, "u1", "selfless_service", "s-1").status()).isEqualTo(200);
        assertThat(karma.lifeEvent(KarmaFixture.CORE, "u1", "cheat", "c-1").status()).isEqualTo(200);
        assertThat(karma.lifeEvent(KarmaFixture.CORE, "u1", "cheat", "c-2").status()).isEqualTo(200);
        assertThat(karma.post("/api/v1/log-action/", KarmaFixture.OPERATOR,
                "{\"user_id\":\"u2\",\"action\":\"helping_peers\",\"role\":\"learner\"}").status()).isEqualTo(200);
    }
}
