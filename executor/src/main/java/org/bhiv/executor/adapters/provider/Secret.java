package org.bhiv.executor.adapters.provider;

/**
 * A token, password or API key from config. Its {@code toString()} never shows the value, so a
 * config record that holds one can be printed or logged safely; only {@link #reveal()} gives it,
 * at the one place that sends it to the provider.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret text (may be empty)
     * @return the secret
     */
    public static Secret of(String value) {
        return new Secret(value == null ? "" : value);
    }

    /** @return the secret text, for the request that needs it */
    public String reveal() {
        return value;
    }

    /** @return whether no value was given */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "[empty]" : "[redacted]";
    }
}
