package org.bhiv.bucket.audit;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * For any event data: a sealed chain written as journal lines and read back verifies, and
 * changing any one record's value is detected at exactly that record.
 */
class HashChainPropertiesTest {

    private static final Gen<String> KEYS = strings().basicMultilingualPlaneAlphabet().ofLengthBetween(1, 8);
    private static final Gen<ObjectNode> EVENTS = lists().of(KEYS).ofSizeBetween(0, 6)
            .zip(strings().basicMultilingualPlaneAlphabet().ofLengthBetween(0, 20), doubles().between(-1e9, 1e9),
                    (keys, text, number) -> {
                        ObjectNode event = JsonNodeFactory.instance.objectNode();
                        for (int i = 0; i < keys.size(); i++) {
                            if (i % 2 == 0) {
                                event.put(keys.get(i), text + i);
                            } else {
                                event.putObject(keys.get(i)).put("n", number).putArray("a").add(text).add(i);
                            }
                        }
                        return event;
                    });

    @Test
    void anySealedChainSurvivesTheJournalRoundTripAndAnyChangeIsPinpointed() {
        qt().withExamples(200).forAll(lists().of(EVENTS).ofSizeBetween(1, 8), integers().between(0, 7))
                .checkAssert((events, pick) -> {
                    List<ObjectNode> chain = new ArrayList<>();
                    String prev = HashChain.GENESIS;
                    for (int i = 0; i < events.size(); i++) {
                        ObjectNode record = EventRecord.seal(i + 1, "2026-01-01T00:00:00Z", "bhiv_core", events.get(i), prev);
                        chain.add(reread(record));
                        prev = record.get(EventRecord.HASH).asText();
                    }
                    assertThat(HashChain.verify(chain).valid()).isTrue();

                    int victim = pick % chain.size();
                    chain.get(victim).put(EventRecord.RECEIVED_AT, "2026-01-01T00:00:01Z");
                    assertThat(HashChain.verify(chain).firstInvalidSeq()).isEqualTo(victim + 1L);
                });
    }

    private static ObjectNode reread(ObjectNode record) {
        try {
            return (ObjectNode) Json.mapper().readTree(Json.mapper().writeValueAsString(record));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
