package org.bhiv.executor.execution;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Execution ids as version 7 UUIDs (RFC 9562): the first 48 bits are the Unix time in
 * milliseconds, the other 74 (after version and variant) random. Ids made close in time sort
 * close together, so each commit adds them at the end of the indexes on {@code execution_id}
 * instead of rewriting a random page of each (docs/executor-store.md, "Not done / limits").
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    /** @return a fresh id, e.g. {@code 019af3c2-7d1e-7a4b-9c3e-5f0a1b2c3d4e} */
    public static String next() {
        return next(Clock.systemUTC().millis()).toString();
    }

    static UUID next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random[0] & 0x0FL) << 8 | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | (random[2] & 0x3FL) << 56;
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
