package org.bhiv.bucket.faults;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.bhiv.server.ProblemException;

/**
 * The faults currently injected, shared by the admin resource that sets them and the write
 * route that suffers them.
 */
public final class Faults {

    private final AtomicReference<FaultSettings> current = new AtomicReference<>(FaultSettings.NONE);

    /** @return the settings in force */
    public FaultSettings current() {
        return current.get();
    }

    /** @param settings the settings to put in force */
    public void set(FaultSettings settings) {
        current.set(settings);
    }

    /** Removes every fault. */
    public void clear() {
        current.set(FaultSettings.NONE);
    }

    /**
     * Applies the faults to one request: sleeps the delay (requests run on virtual threads),
     * then maybe refuses.
     *
     * @throws ProblemException the injected failure, {@code injected_fault}
     */
    public void apply() {
        FaultSettings settings = current.get();
        if (settings.delayMs() > 0) {
            try {
                Thread.sleep(settings.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (settings.failStatus() != null && ThreadLocalRandom.current().nextDouble() < settings.failRate()) {
            throw ProblemException.of(settings.failStatus(), "injected_fault",
                    "This failure was injected through /admin/faults.");
        }
    }
}
