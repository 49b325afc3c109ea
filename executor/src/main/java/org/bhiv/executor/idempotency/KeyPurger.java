package org.bhiv.executor.idempotency;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bhiv.executor.store.ExecutionStore;

/**
 * Purges idempotency keys whose retention has ended, on a schedule. A failed purge is logged and
 * tried again at the next tick.
 */
public final class KeyPurger implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(KeyPurger.class.getName());

    private final ScheduledExecutorService scheduler;

    private KeyPurger(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Starts purging at once and then every {@code config.purgeInterval()}.
     *
     * @param store  the store to purge
     * @param config the idempotency config
     * @return the running purger; close it to stop
     */
    public static KeyPurger start(ExecutionStore store, IdempotencyConfig config) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("idempotency-purge").daemon().factory());
        long every = config.purgeInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> purge(store), 0, every, TimeUnit.MILLISECONDS);
        return new KeyPurger(scheduler);
    }

    private static void purge(ExecutionStore store) {
        try {
            int purged = store.purgeExpiredKeys();
            if (purged > 0) {
                LOGGER.log(System.Logger.Level.INFO, "IDEMPOTENCY_PURGED | keys=" + purged);
            }
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Purging expired idempotency keys failed; trying again later", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
