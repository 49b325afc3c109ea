package org.bhiv.executor.execution;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7UuidsCarryingTheirMillisecond() {
        long at = 1_796_000_000_123L;
        UUID id = TimeOrderedIds.next(at);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562 variant
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsText() {
        String earlier = TimeOrderedIds.next(1_796_000_000_000L).toString();
        String later = TimeOrderedIds.next(1_796_000_000_001L).toString();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next(1_796_000_000_000L));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aFreshIdIsAStandardUuidString() {
        String id = Execution.newId();

        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
