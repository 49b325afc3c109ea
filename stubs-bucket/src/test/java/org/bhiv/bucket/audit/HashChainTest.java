package org.bhiv.bucket.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.CanonicalJson;
import org.bhiv.server.Hashing;
import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    @Test
    void canonicalJsonSortsKeysAtEveryDepthWithoutWhitespace() throws Exception {
        var node = Json.mapper().readTree("{ \"b\": 1, \"a\": {\"z\": [ {\"y\":1, \"x\":2} ], \"c\": \"é\"} }");
        assertThat(CanonicalJson.of(node)).isEqualTo("{\"a\":{\"c\":\"é\",\"z\":[{\"x\":2,\"y\":1}]},\"b\":1}");
    }

    @Test
    void hashIsSha256OfPrevHashAndCanonicalRecordWithoutHash() throws Exception {
        ObjectNode record = (ObjectNode) Json.mapper().readTree("{\"seq\":1,\"hash\":\"ignored\",\"a\":\"x\"}");
        String expected = Hashing.sha256Hex(HashChain.GENESIS + "{\"a\":\"x\",\"seq\":1}");
        assertThat(HashChain.hash(HashChain.GENESIS, record)).isEqualTo(expected).hasSize(64);
        // Known SHA-256 value, so the formula is pinned, not only self-consistent.
        assertThat(Hashing.sha256Hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashOfARecordWithEscapesUnicodeAndNumbersIsPinned() throws Exception {
        // Pinned when the chain had its own CanonicalJson; the shared one must give the same hash.
        ObjectNode record = (ObjectNode) Json.mapper().readTree("{\"seq\":1,\"received_at\":\"2026-01-01T00:00:00Z\","
                + "\"requester_id\":\"bhiv_core\","
                + "\"s\":\"caf\\u00e9 \\\"q\\\" \\n\\t\\u0001 \\u2603 \\ud83d\\ude00 </script> \\u2028\","
                + "\"n\":[1,-2,3.5,1.0E10,12345678901234567890,0.1,1e-7,-0.0],"
                + "\"o\":{\"z\":null,\"a\":true,\"B\":false,\"\\u00e9\":{},\"e\":[]},"
                + "\"timestamp\":\"x\",\"prev_hash\":\"" + HashChain.GENESIS + "\",\"hash\":\"h\"}");

        assertThat(HashChain.hash(HashChain.GENESIS, record))
                .isEqualTo("4fd2bf7b1dbedf1b4f04f9d4b9e1e49fe6da88e9b8bffcbde8386545c0050063");
    }

    @Test
    void sealedRecordsVerifyAndAnyChangeNamesTheFirstBrokenSeq() throws Exception {
        List<ObjectNode> chain = new ArrayList<>();
        String prev = HashChain.GENESIS;
        for (int seq = 1; seq <= 4; seq++) {
            ObjectNode data = (ObjectNode) Json.mapper().readTree("{\"n\":" + seq + ",\"seq\":77}");
            ObjectNode record = EventRecord.seal(seq, "2026-01-01T00:00:0" + seq + "Z", "bhiv_core", data, prev);
            chain.add(record);
            prev = record.get("hash").asText();
        }
        assertThat(HashChain.verify(chain)).isEqualTo(new Verification(true, 4, prev, null));

        ObjectNode replayed = (ObjectNode) Json.mapper().readTree(Json.mapper().writeValueAsString(chain.get(2)));
        chain.set(2, replayed);
        assertThat(HashChain.verify(chain).valid()).as("a record read back from JSON still verifies").isTrue();

        replayed.put("n", 30);
        assertThat(HashChain.verify(chain).firstInvalidSeq()).isEqualTo(3);
        chain.remove(2);
        assertThat(HashChain.verify(chain).firstInvalidSeq()).as("a removed record").isEqualTo(3);
    }

    @Test
    void inMemoryStoreChainsFromGenesis() throws Exception {
        EventStore store = EventStore.inMemory(10, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        var first = store.append("bhiv_core", (ObjectNode) Json.mapper().readTree("{\"event_id\":\"a\"}"));
        assertThat(first.record().get("prev_hash").asText()).isEqualTo(HashChain.GENESIS);
        assertThat(first.record().get("received_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(store.verify().valid()).isTrue();
    }
}
