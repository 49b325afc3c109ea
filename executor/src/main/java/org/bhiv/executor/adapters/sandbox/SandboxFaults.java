package org.bhiv.executor.adapters.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.provider.ProviderException;

/**
 * Makes a sandbox provider fail on purpose, from {@code executor.adapters.<name>.sandbox.fail}:
 * {@code none} (default), {@code unavailable} (a refused connection), {@code rejected}
 * (HTTP 400), {@code rate_limited} (HTTP 429, Retry-After 1 s) or {@code timeout} (never
 * answers, so the adapter's timeout fires). Lets a local stack and tests exercise every
 * failure path without a real provider.
 */
public final class SandboxFaults {

    private final String mode;

    private SandboxFaults(String mode) {
        this.mode = mode;
    }

    /**
     * @param config the adapter's config
     * @return the faults it asks for
     */
    public static SandboxFaults create(AdapterConfig config) {
        String mode = config.node().get("sandbox.fail").asString().orElse("none").strip().toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("none", "unavailable", "rejected", "rate_limited", "timeout").contains(mode)) {
            throw new IllegalArgumentException("executor.adapters." + config.name() + ".sandbox.fail: unknown mode '"
                    + mode + "'; known: none, unavailable, rejected, rate_limited, timeout");
        }
        return new SandboxFaults(mode);
    }

    /**
     * Fails as configured, or returns at once.
     *
     * @throws Exception the configured failure
     */
    public void apply() throws Exception {
        switch (mode) {
            case "unavailable" -> throw new IOException("sandbox: simulated refused connection");
            case "rejected" -> throw ProviderException.http(400, null, null);
            case "rate_limited" -> throw ProviderException.http(429, null, Duration.ofSeconds(1));
            case "timeout" -> new CountDownLatch(1).await(); // until the caller's timeout interrupts
            default -> {
            }
        }
    }
}
