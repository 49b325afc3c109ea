package org.bhiv.bridge.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before a retry: short, growing, and jittered so that many clients retrying at once
 * do not hit the executor in step. Before retry {@code n} (1-based) the pause is drawn
 * uniformly from {@code [d/2, d]} with {@code d = min(BASE * 2^(n-1), CAP)}: 25-50 ms, then
 * 50-100 ms, then 100-200 ms, and so on up to 200-400 ms.
 */
final class Backoff {

    static final Duration BASE = Duration.ofMillis(50);
    static final Duration CAP = Duration.ofMillis(400);

    private Backoff() {
    }

    /**
     * @param retry the retry about to happen, from 1
     * @return the pause in nanoseconds
     */
    static long beforeRetry(int retry) {
        long ceiling = BASE.toNanos() << Math.min(retry - 1, 10);
        long d = Math.min(ceiling, CAP.toNanos());
        return d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);
    }
}
