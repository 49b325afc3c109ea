package org.bhiv.executor.outbox;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofMillis(200);
    private static final Duration CAP = Duration.ofSeconds(60);

    @Test
    void fullJitterStaysBetweenZeroAndTheExponentialBoundCappedAtSixtySeconds() {
        qt().forAll(integers().between(1, 200), doubles().between(0, 0.999_999))
                .checkAssert((failures, random) -> {
                    var backoff = new Backoff(INITIAL, CAP, () -> random);
                    long delay = backoff.retryDelay(failures, null).toMillis();
                    long bound = Math.min(CAP.toMillis(), (long) (INITIAL.toMillis() * Math.pow(2, Math.min(failures - 1, 40))));
                    assertThat(delay).isBetween(0L, bound);
                    assertThat(delay).isLessThanOrEqualTo(CAP.toMillis());
                });
    }

    @Test
    void boundDoublesFrom200MillisUntilTheCap() {
        var backoff = new Backoff(INITIAL, CAP, () -> 0.5);
        assertThat(backoff.bound(1)).isEqualTo(200);
        assertThat(backoff.bound(2)).isEqualTo(400);
        assertThat(backoff.bound(9)).isEqualTo(51_200);
        assertThat(backoff.bound(10)).isEqualTo(60_000);
        assertThat(backoff.bound(20)).isEqualTo(60_000);
        assertThat(new Backoff(INITIAL, CAP, () -> 0.0).retryDelay(5, null)).isZero();
    }

    @Test
    void retryAfterIsHonouredEvenWhenTheJitterIsShorter() {
        var backoff = new Backoff(INITIAL, CAP, () -> 0.1);
        assertThat(backoff.retryDelay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.retryDelay(12, Duration.ofSeconds(3))).as("a longer jitter wins")
                .isEqualTo(Duration.ofMillis(6_000));
    }

    @Test
    void retryAfterHeaderIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(SinkClient.parseRetryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(SinkClient.parseRetryAfter("-1")).isNull();
        assertThat(SinkClient.parseRetryAfter("soon")).isNull();
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(SinkClient.parseRetryAfter(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        var limited = SinkClient.classify(429, Optional.of("2"), "");
        assertThat(limited).isEqualTo(new AttemptResult.Retryable("http_429", Duration.ofSeconds(2)));
        assertThat(SinkClient.classify(503, Optional.empty(), "")).isEqualTo(new AttemptResult.Retryable("http_503", null));
        assertThat(SinkClient.classify(400, Optional.empty(), "bad")).isEqualTo(new AttemptResult.Rejected("http_400", "bad"));
        assertThat(SinkClient.classify(201, Optional.empty(), "")).isEqualTo(new AttemptResult.Delivered(201));
    }

    @Test
    void aSinkPauseIsAtLeastHalfItsBoundSoItIsARealPause() {
        qt().forAll(integers().between(1, 100), doubles().between(0, 0.999_999))
                .checkAssert((failures, random) -> {
                    var backoff = new Backoff(INITIAL, CAP, () -> random);
                    long bound = backoff.bound(failures + 1);
                    assertThat(backoff.pause(failures).toMillis()).isBetween(bound / 2, bound);
                });
    }
}
