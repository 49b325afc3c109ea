package org.bhiv.executor.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of completed idempotency keys that this process stored or read, so that a replay
 * needs no database round trip. Safe across replicas: a completed key's answer never changes,
 * it only expires (then it is forgotten here too, and the database decides again). Bounded,
 * least recently used first out. Thread-safe.
 */
final class ReplayCache {

    private record Answered(String fingerprint, ClaimOutcome.Replay replay, Instant expiresAt) {
    }

    private final Map<String, Answered> entries;

    ReplayCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answered> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return the replay or mismatch for a key answered before, or {@code null} when only the database knows */
    synchronized ClaimOutcome find(String key, String fingerprint, Instant now) {
        Answered entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!entry.expiresAt().isAfter(now)) {
            entries.remove(key);
            return null;
        }
        return entry.fingerprint().equals(fingerprint) ? entry.replay() : new ClaimOutcome.FingerprintMismatch();
    }

    synchronized void put(String key, String fingerprint, ClaimOutcome.Replay replay, Instant expiresAt) {
        entries.put(key, new Answered(fingerprint, replay, expiresAt));
    }
}
