package org.bhiv.executor.adapters.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bhiv.executor.store.TransactionalWrite;

/**
 * A thread-safe {@link SandboxRecorder} in memory, for tests that run adapters without a
 * database: its writes ignore the connection and take effect when run.
 */
public final class InMemorySandboxRecorder implements SandboxRecorder {

    private final Map<String, List<SandboxRecord>> byTrace = new ConcurrentHashMap<>();
    private final Clock clock;

    /**
     * @param clock stamps the records
     */
    public InMemorySandboxRecorder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public TransactionalWrite recording(String traceId, String actionType, String providerMessageId,
                                        Map<String, Object> content) {
        var record = new SandboxRecord(traceId, actionType, providerMessageId, clock.instant(), content);
        return connection -> byTrace.compute(traceId, (id, records) -> {
            var updated = records == null ? new ArrayList<SandboxRecord>() : new ArrayList<>(records);
            updated.removeIf(r -> r.providerMessageId().equals(providerMessageId));
            updated.add(record);
            return List.copyOf(updated);
        });
    }

    @Override
    public List<SandboxRecord> recorded(String traceId) {
        return byTrace.getOrDefault(traceId, List.of());
    }
}
