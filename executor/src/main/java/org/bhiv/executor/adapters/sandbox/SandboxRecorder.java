package org.bhiv.executor.adapters.sandbox;

import java.util.List;
import java.util.Map;

import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.store.TransactionalWrite;

/**
 * Where {@code sandbox} providers record what they would have sent, so that it can be
 * inspected ({@code GET /api/sandbox/{trace_id}}). Implementations are thread-safe; the one in
 * service is the database's.
 */
public interface SandboxRecorder {

    /**
     * The write that records one would-be send, to commit with its execution ({@link Effects}).
     * Recording the same {@code providerMessageId} again replaces the earlier record (a
     * re-executed request records the same thing).
     *
     * @param traceId           the decision's trace_id
     * @param actionType        the adapter's action_type
     * @param providerMessageId the identifier the sandbox answered with
     * @param content           what would have been sent (JSON-serialisable values)
     * @return the write
     */
    TransactionalWrite recording(String traceId, String actionType, String providerMessageId, Map<String, Object> content);

    /**
     * @param traceId a trace_id
     * @return what was recorded for it, oldest first; empty when nothing was
     */
    List<SandboxRecord> recorded(String traceId);
}
