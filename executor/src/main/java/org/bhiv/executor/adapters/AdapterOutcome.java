package org.bhiv.executor.adapters;

import java.util.Map;

import org.bhiv.executor.adapters.provider.ProviderFailure;

/**
 * What an adapter answers: success with its fields, a validation refusal, or a classified
 * provider failure. The engine turns it into the {@code execution_result} envelope.
 */
public sealed interface AdapterOutcome {

    /**
     * The action was done.
     *
     * @param provider the provider's config name
     * @param fields   the adapter's success fields, in contract order
     */
    record Succeeded(String provider, Map<String, Object> fields) implements AdapterOutcome {
        public Succeeded {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /**
     * A required field is missing or invalid; never retryable.
     *
     * @param errorCode e.g. {@code missing_recipient}
     * @param message   one human sentence naming the field
     */
    record Invalid(String errorCode, String message) implements AdapterOutcome {
    }

    /**
     * The provider failed.
     *
     * @param provider the provider's config name
     * @param failure  the classified failure
     */
    record ProviderFailed(String provider, ProviderFailure failure) implements AdapterOutcome {
    }
}
