package org.bhiv.executor.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the engine did with one payload.
 *
 * @param actionType the action type for metrics and logs: a supported one, {@code none} when
 *                   missing, {@code unsupported} when unknown (never raw caller input)
 * @param success    whether the action was done
 * @param errorCode  the error code when not, else {@code null}
 * @param retryable  whether trying again may succeed
 * @param result     the {@code execution_result} envelope
 */
public record ExecutionOutcome(String actionType, boolean success, String errorCode, boolean retryable,
                               ObjectNode result) {
}
