package org.bhiv.executor.outbox;

import java.time.Instant;

import org.bhiv.server.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatsJsonTest {

    @Test
    void sinkStatsSerialiseWithTheHealthzNames() throws Exception {
        var stats = new SinkStats(true, "http://localhost:8001", "backing_off", 3, 10, 4, 1, 2, 1500);

        assertThat(Json.mapper().readTree(Json.mapper().writeValueAsString(stats))).isEqualTo(Json.mapper().readTree("""
                {"enabled": true, "url": "http://localhost:8001", "state": "backing_off", "pending": 3, "delivered": 10,
                 "retried": 4, "dead": 1, "dropped": 2, "oldest_pending_age_ms": 1500}"""));
        assertThat(stats.degraded()).isTrue();
    }

    @Test
    void deliveriesSerialiseOnlyTheFieldsOfTheirState() throws Exception {
        var pending = new Delivery("pending", "evt_1", 2, Instant.parse("2026-01-02T03:04:05Z"), null, null, "timeout");
        var delivered = new Delivery("delivered", "evt_2", 1, null, Instant.parse("2026-01-02T03:04:06Z"), null, null);
        var dead = new Delivery("dead", "evt_3", 1, null, null, Instant.parse("2026-01-02T03:04:07Z"), "http_400: {}");

        assertThat(Json.mapper().writeValueAsString(pending)).isEqualTo(
                "{\"state\":\"pending\",\"event_id\":\"evt_1\",\"attempts\":2,\"next_attempt_at\":\"2026-01-02T03:04:05Z\",\"last_error\":\"timeout\"}");
        assertThat(Json.mapper().writeValueAsString(delivered)).isEqualTo(
                "{\"state\":\"delivered\",\"event_id\":\"evt_2\",\"attempts\":1,\"delivered_at\":\"2026-01-02T03:04:06Z\"}");
        assertThat(Json.mapper().writeValueAsString(dead)).isEqualTo(
                "{\"state\":\"dead\",\"event_id\":\"evt_3\",\"attempts\":1,\"dead_at\":\"2026-01-02T03:04:07Z\",\"last_error\":\"http_400: {}\"}");
    }
}
