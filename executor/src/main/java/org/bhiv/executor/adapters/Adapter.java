package org.bhiv.executor.adapters;

/**
 * Executes one kind of action ({@code payload.action_type}): validates its fields in the
 * contract's order, then calls its provider. Implementations are thread-safe and never throw
 * for bad input or provider failures; they answer with an {@link AdapterOutcome}.
 */
public interface Adapter {

    /** @return the {@code action_type} this adapter executes, e.g. {@code email} */
    String actionType();

    /**
     * @param call the validated request's identity and payload
     * @return what happened
     */
    AdapterOutcome execute(AdapterCall call);

    /**
     * @return true when {@link #execute} may act outside the executor's own database (a message
     *         sent, a service called): a process that dies during it may have acted, so its
     *         idempotency key must stay claimed across a restart. False only when every effect is
     *         a write that commits with the execution ({@link AdapterCall#effects()}).
     */
    default boolean reachesOutside() {
        return true;
    }
}
