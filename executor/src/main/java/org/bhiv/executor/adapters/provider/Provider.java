package org.bhiv.executor.adapters.provider;

/**
 * Does one adapter's action for real (or, for {@code sandbox}, pretends to). One method, so a
 * real provider plugs in without touching the adapter. Providers report what the far side
 * said by throwing {@link ProviderException} (or an {@link java.io.IOException} for transport
 * failures); {@link ProviderFailures} classifies it. Timeouts are enforced by
 * {@link ProviderCalls}, but a provider should also set its own client timeouts.
 *
 * @param <Q> what the adapter asks for
 * @param <R> what the provider answers
 */
@FunctionalInterface
public interface Provider<Q, R> {

    /**
     * @param request the validated request
     * @param effects where a provider that writes to the executor's own database (the sandbox,
     *                the task store) adds its writes; they commit with the execution
     * @return the provider's answer
     * @throws Exception a {@link ProviderException}, an {@link java.io.IOException}, or anything
     *                   else, which the engine reports as {@code internal_execution_error}
     */
    R call(Q request, Effects effects) throws Exception;

    /**
     * @return true when {@link #call} acts outside the executor's own database; false for a
     *         provider whose every effect is added to {@code effects} (the sandbox, the task store)
     */
    default boolean reachesOutside() {
        return true;
    }
}
