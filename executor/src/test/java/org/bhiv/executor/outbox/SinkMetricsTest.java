package org.bhiv.executor.outbox;

import java.time.Duration;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SinkMetricsTest {

    private final SinkMetrics metrics = new SinkMetrics(Sink.KARMA, Services.get(MeterRegistry.class));

    @Test
    void thePendingEstimateIsUnknownBeforeTheFirstRead() {
        assertThat(metrics.pendingEstimate()).isEqualTo(-1);
    }

    @Test
    void thePendingEstimateIsTheLastReadPlusOwnWritesMinusOwnFinishesSinceTheReadBegan() {
        metrics.enqueued(); // committed before the read: in the count
        SinkMetrics.Mark before = metrics.mark();
        metrics.enqueued(); // written while the count ran: counted once, by the estimate
        metrics.pending(10, before);
        assertThat(metrics.pendingEstimate()).isEqualTo(11);

        metrics.enqueued();
        metrics.delivered(Duration.ZERO);
        metrics.dead();
        metrics.retried(); // a retry stays pending
        assertThat(metrics.pendingEstimate()).isEqualTo(10);

        metrics.pending(1, metrics.mark());
        metrics.delivered(Duration.ZERO);
        metrics.delivered(Duration.ZERO); // another replica's write this process delivered
        assertThat(metrics.pendingEstimate()).as("never below zero").isZero();
    }
}
