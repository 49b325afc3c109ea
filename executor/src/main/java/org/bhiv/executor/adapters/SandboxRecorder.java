package org.bhiv.executor.adapters;

import java.util.List;
import java.util.Map;

/**
 * Where {@code sandbox} providers record what they would have sent, so that it can be
 * inspected ({@code GET /api/sandbox/{trace_id}}). Implementations are thread-safe; the
 * default is {@link InMemorySandboxRecorder}, a database-backed one replaces it.
 */
public interface SandboxRecorder {

    /**
     * Records one would-be send. Recording the same {@code providerMessageId} again replaces
     * the earlier record (a re-executed request records the same thing).
     *
     * @param traceId           the decision's trace_id
     * @param actionType        the adapter's action_type
     * @param providerMessageId the identifier the sandbox answered with
     * @param content           what would have been sent (JSON-serialisable values)
     */
    void record(String traceId, String actionType, String providerMessageId, Map<String, Object> content);

    /**
     * @param traceId a trace_id
     * @return what was recorded for it, oldest first; empty when nothing was
     */
    List<SandboxRecord> recorded(String traceId);
}
