package org.bhiv.executor.outbox;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes a waiting sink loop at once; raising it several times before it is awaited counts once. */
final class WakeSignal {

    private final Semaphore permits = new Semaphore(0);

    void raise() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** @return whether a raise is waiting to be taken */
    boolean raised() {
        return permits.availablePermits() > 0;
    }

    /** Waits until raised or {@code millis} passed; returns at once when raised meanwhile. */
    void await(long millis) {
        try {
            if (millis > 0 && permits.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                permits.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
