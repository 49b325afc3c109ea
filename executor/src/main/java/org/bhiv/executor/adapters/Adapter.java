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
}
