package org.bhiv.karma.api;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written check gives exactly the formatter's answer. */
class IsoTimestampTest {

    @Test
    void agreesWithOffsetDateTimeParseOnEdgeCases() {
        List<String> texts = List.of("2026-01-31T10:15:30Z", "2026-01-31T10:15:30.123Z", "2026-01-31T10:15:30.123456789Z",
                "2026-01-31T10:15:30.1234567890Z", "2026-01-31T10:15:30.Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z",
                "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z",
                "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z", "0000-01-01T00:00:00Z",
                "2026-01-01t10:15:30z", "2026-01-01T10:15Z", "2026-01-01T10:15:30+05:30", "2026-01-01T10:15:30-00:00",
                "+12026-01-01T10:15:30Z", "2026-1-01T10:15:30Z", "2026-01-01 10:15:30Z", "2026-01-01T10:15:30",
                "2026-01-01T10:15:30ZZ", "20260101T101530Z", "2026-01-01T10:15:3aZ", "", "Z", "2026-01-01T10:15:30.12a4Z",
                "2026-01-01T10:15:30,123Z", "\u0661\u0662\u0663\u0664-01-01T10:15:30Z");
        texts.forEach(text -> assertThat(IsoTimestamp.valid(text)).as(text).isEqualTo(parses(text)));
    }

    @Test
    void agreesWithOffsetDateTimeParseOnRandomTextsOfTheCommonShape() {
        Random random = new Random(7);
        String alphabet = "0123456789012345678901234567890123456789-:.TZz+";
        for (int i = 0; i < 20_000; i++) {
            char[] text = String.format("%04d-%02d-%02dT%02d:%02d:%02d.%dZ", random.nextInt(10_000), random.nextInt(15),
                    random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextInt(1_000_000)).toCharArray();
            if (random.nextBoolean()) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String candidate = random.nextInt(4) == 0 ? new String(text, 0, 19 + random.nextInt(text.length - 18)) : new String(text);
            assertThat(IsoTimestamp.valid(candidate)).as(candidate).isEqualTo(parses(candidate));
        }
    }

    private static boolean parses(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
