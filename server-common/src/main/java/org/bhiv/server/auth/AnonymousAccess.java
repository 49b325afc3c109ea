package org.bhiv.server.auth;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import io.helidon.config.Config;

/**
 * Which operations a caller without any token may do although the service has tokens
 * configured ({@code security.anonymous.allow}), so that the integration guide's curls and the
 * ecosystem's existing clients, which send no token, keep working on the local stack. Off
 * unless configured; a service names the few operations that may ever be anonymous, and any
 * other name stops the start-up. When the service would act on the outside world (a real
 * provider), anonymous access also needs {@value #CONFIRM_KEY} set to true.
 *
 * @param operations the operations a caller without a token may do, as configured
 */
public record AnonymousAccess(Set<String> operations) {

    /** The config key listing the operations (comma-separated or a list). */
    public static final String KEY = "security.anonymous.allow";
    /** The config key that confirms anonymous access beside a real provider. */
    public static final String CONFIRM_KEY = "security.anonymous.allow-with-real-providers";

    public AnonymousAccess {
        operations = Set.copyOf(new TreeSet<>(operations));
    }

    /** @return no anonymous access at all */
    public static AnonymousAccess none() {
        return new AnonymousAccess(Set.of());
    }

    /**
     * Reads {@value #KEY}.
     *
     * @param security  the {@code security} config node
     * @param permitted the operations this service lets be anonymous at most
     * @return the configured access
     * @throws IllegalArgumentException naming the key when an operation is not one of {@code permitted}
     */
    public static AnonymousAccess create(Config security, Set<String> permitted) {
        Set<String> configured = AccessPolicy.identities(security.get("anonymous.allow"), Set.of());
        for (String operation : configured) {
            if (!permitted.contains(operation)) {
                throw new IllegalArgumentException(KEY + " names '" + operation + "', but on this service only "
                        + String.join(", ", new TreeSet<>(permitted)) + " may be done without a token");
            }
        }
        return new AnonymousAccess(configured);
    }

    /**
     * Refuses anonymous access beside providers that act on the outside world, unless confirmed.
     *
     * @param security      the {@code security} config node
     * @param realProviders descriptions of the real providers in use (e.g. {@code email=smtp}); empty = none
     * @throws IllegalArgumentException naming both keys when anonymous access is on beside a real provider
     */
    public void requireConfirmedBeside(Config security, Collection<String> realProviders) {
        boolean confirmed = security.get("anonymous.allow-with-real-providers").asBoolean().orElse(false);
        if (!operations.isEmpty() && !realProviders.isEmpty() && !confirmed) {
            throw new IllegalArgumentException(KEY + " lets callers without a token do " + String.join(", ", operations)
                    + ", and real providers are configured (" + String.join(", ", realProviders) + "): anyone who"
                    + " reaches this port could make them act. Remove " + KEY + ", or set " + CONFIRM_KEY
                    + "=true to confirm.");
        }
    }

    /**
     * @param operation an operation name
     * @return whether a caller without a token may do it
     */
    public boolean allows(String operation) {
        return operations.contains(operation);
    }

    /**
     * How health answers report authentication: {@code open}, {@code tokens}, or
     * {@code tokens+anonymous-<operations>} (e.g. {@code tokens+anonymous-execute}).
     *
     * @param tokens the service's token table
     * @return the mode
     */
    public String mode(Tokens tokens) {
        if (tokens.open()) {
            return "open";
        }
        return operations.isEmpty() ? "tokens" : "tokens+anonymous-" + String.join(",", operations);
    }
}
