package org.bhiv.executor.operations;

import java.time.Clock;
import java.util.List;

import org.bhiv.executor.store.DeadEvents;
import org.bhiv.executor.store.DeadEvents.DeadEvent;
import org.bhiv.server.LogSafe;

/**
 * Sends dead events back to the outbox, logs each one ({@code INTEGRATION_REDELIVERED | sink=.. |
 * trace_id=.. | event_id=.. | by=..}), counts it, and wakes the dispatcher so that delivery starts
 * at once. The receivers drop an event_id they already stored, so a redelivery never records an
 * event twice.
 */
public final class Redeliveries {

    private static final System.Logger LOGGER = System.getLogger(Redeliveries.class.getName());

    private final DeadEvents dead;
    private final DeadLetterMeters meters;
    private final Runnable wakeDispatcher;
    private final Clock clock;

    /**
     * @param dead           the store's dead events
     * @param meters         counts redeliveries
     * @param wakeDispatcher called after a redelivery committed
     * @param clock          the time source
     */
    public Redeliveries(DeadEvents dead, DeadLetterMeters meters, Runnable wakeDispatcher, Clock clock) {
        this.dead = dead;
        this.meters = meters;
        this.wakeDispatcher = wakeDispatcher;
        this.clock = clock;
    }

    DeadEvents.Redelivery one(long id, String by) {
        DeadEvents.Redelivery r = dead.redeliver(id, clock.instant());
        if (r.outcome() == DeadEvents.Outcome.REDELIVERED) {
            redelivered(List.of(r.event()), by);
        }
        return r;
    }

    List<DeadEvent> matching(DeadEvents.Filter filter, int max, String by) {
        List<DeadEvent> moved = dead.redeliverMatching(filter, max, clock.instant());
        redelivered(moved, by);
        return moved;
    }

    List<DeadEvent> list(DeadEvents.Filter filter, int limit, Long beforeId) {
        return dead.list(filter, limit, beforeId);
    }

    java.util.Map<String, Long> depth() {
        return dead.depth();
    }

    private void redelivered(List<DeadEvent> events, String by) {
        for (DeadEvent e : events) {
            LOGGER.log(System.Logger.Level.INFO, "INTEGRATION_REDELIVERED | sink=" + e.sink() + " | trace_id="
                    + LogSafe.value(e.traceId()) + " | event_id=" + e.eventId() + " | by=" + LogSafe.value(by));
            meters.redelivered(e.sink());
        }
        if (!events.isEmpty()) {
            wakeDispatcher.run();
        }
    }
}
