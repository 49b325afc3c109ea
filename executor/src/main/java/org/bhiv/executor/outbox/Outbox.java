package org.bhiv.executor.outbox;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.metrics.api.MeterRegistry;
import org.bhiv.executor.execution.Execution;
import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.OutboxReads;
import org.bhiv.executor.store.OutboxStore;
import org.bhiv.executor.store.StoreException;
import org.bhiv.server.LogSafe;

/**
 * The durable, bounded outbox of integration events. Create one per process and share it.
 * <p>
 * The store calls {@link #enqueue(Connection, List)} inside the transaction that stores an
 * execution result (events and result commit together), then {@link #afterCommit()} once the
 * transaction committed, which wakes the {@link OutboxDispatcher} so delivery starts within
 * milliseconds. {@link #snapshot()} feeds {@code /healthz} (refreshed by the dispatcher every
 * scan interval, so a health request never counts the backlog).
 */
public final class Outbox {

    private static final System.Logger LOGGER = System.getLogger(Outbox.class.getName());
    private static final List<String> SINK_NAMES = Arrays.stream(Sink.values()).map(Sink::wireName).toList();

    private final IntegrationsConfig config;
    private final OutboxStore store;
    private final OutboxReads reads;
    private final Clock clock;
    private final Map<Sink, SinkMetrics> metrics = new EnumMap<>(Sink.class);
    private final Map<Sink, WakeSignal> signals = new EnumMap<>(Sink.class);
    private volatile Map<Sink, Backlog> lastRead;

    private Outbox(Database database, IntegrationsConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.store = new OutboxStore(database);
        this.reads = new OutboxReads(database);
        this.clock = clock;
        for (Sink sink : Sink.values()) {
            metrics.put(sink, new SinkMetrics(sink, registry));
            signals.put(sink, new WakeSignal());
        }
    }

    /**
     * @param database the executor's migrated database (tables {@code outbox_pending}, {@code outbox_finished})
     * @param config   the {@code integrations} config
     * @param registry where the meters go ({@code Services.get(MeterRegistry.class)} in the service)
     * @param clock    the clock of enqueue times, attempts and backoff
     * @return the outbox
     */
    public static Outbox create(Database database, IntegrationsConfig config, MeterRegistry registry, Clock clock) {
        return new Outbox(database, config, registry, clock);
    }

    /**
     * Writes the events of one completed execution in the caller's transaction. Events of a
     * disabled sink are not written. When a sink already has {@code integrations.outbox.max-pending}
     * pending events (as last read plus this process's writes and finishes since: no count per
     * call, see docs/outbox.md "Bounds"), its new events are dropped (counted, WARN
     * {@code INTEGRATION_DROPPED}) and the caller's transaction is unaffected. An event id already
     * present is not written twice.
     * Call {@link #afterCommit()} after the commit.
     *
     * @param connection the caller's connection, inside its transaction (not committed here)
     * @param events     the events, usually {@link IntegrationEvents#of(Execution)}
     * @return how many events were written
     * @throws SQLException when the database fails (the caller's transaction is then broken anyway)
     */
    public int enqueue(Connection connection, List<OutboxEvent> events) throws SQLException {
        Instant now = clock.instant();
        int written = 0;
        Map<Sink, Long> pending = new EnumMap<>(Sink.class);
        for (OutboxEvent event : events) {
            Sink sink = event.sink();
            if (!config.sink(sink).enabled()) {
                continue;
            }
            long count = pending.containsKey(sink) ? pending.get(sink) : pendingBefore(connection, sink);
            if (count >= config.maxPending()) {
                metrics.get(sink).dropped(1);
                LOGGER.log(Level.WARNING, "INTEGRATION_DROPPED | sink=" + sink.wireName() + " | trace_id="
                        + LogSafe.value(event.traceId()) + " | reason=outbox_full | max_pending=" + config.maxPending());
                pending.put(sink, count);
                continue;
            }
            var row = new OutboxStore.NewEvent(event.eventId(), sink.wireName(), event.executionId(), event.traceId(),
                    event.traceparent(), event.body());
            if (store.insert(connection, row, now)) {
                written++;
                count++;
                metrics.get(sink).enqueued();
            }
            pending.put(sink, count);
        }
        return written;
    }

    /**
     * The pending count the bound is checked against, without counting rows: the count last read
     * by {@link #stats()} (every scan interval) corrected by this process's own writes and
     * finishes since. Only before the first read are the rows counted, once, in the caller's
     * transaction; that count then serves as the first read.
     */
    private long pendingBefore(Connection connection, Sink sink) throws SQLException {
        SinkMetrics m = metrics.get(sink);
        long estimate = m.pendingEstimate();
        if (estimate >= 0) {
            return estimate;
        }
        SinkMetrics.Mark before = m.mark();
        m.pending(store.countPending(connection, sink.wireName()), before);
        return m.pendingEstimate();
    }

    /**
     * @param execution a completed execution
     * @return its Bucket and Karma events, content redacted with this deployment's key; build them
     *         before the transaction, so that the store's writer only inserts them
     */
    public List<OutboxEvent> eventsOf(Execution execution) {
        return IntegrationEvents.of(execution, config.redaction());
    }

    /**
     * Wakes the dispatcher: call it after the transaction that enqueued events committed. Cheap,
     * never blocks, harmless when nothing was enqueued. A paused sink is not woken: it sleeps
     * until its next probe whatever is committed meanwhile, so an outage costs an execution
     * nothing beyond writing its event.
     */
    public void afterCommit() {
        signals.forEach((sink, signal) -> {
            if (!metrics.get(sink).backingOff()) {
                signal.raise();
            }
        });
    }

    /**
     * Reads the backlog from the database (all replicas) and returns the numbers of each sink; the
     * dispatcher calls it every scan interval, and {@link #snapshot()} answers what it read last.
     *
     * @return per sink ({@code bucket}, {@code karma}, in that order) the numbers for {@code /healthz}
     */
    public Map<String, SinkStats> stats() {
        Map<Sink, Backlog> read = new EnumMap<>(Sink.class);
        long now = clock.millis();
        try {
            Map<Sink, SinkMetrics.Mark> before = new EnumMap<>(Sink.class);
            metrics.forEach((sink, m) -> before.put(sink, m.mark()));
            Map<String, OutboxReads.Backlog> backlog = reads.backlog(SINK_NAMES);
            for (Sink sink : Sink.values()) {
                var b = backlog.getOrDefault(sink.wireName(), new OutboxReads.Backlog(0, null));
                metrics.get(sink).pending(b.count(), before.get(sink));
                long age = b.oldestCreatedAt() == null ? 0 : Math.max(0, now - b.oldestCreatedAt().toEpochMilli());
                read.put(sink, new Backlog(b.count(), age));
            }
        } catch (StoreException e) {
            LOGGER.log(Level.WARNING, "Outbox backlog cannot be read: " + e.getMessage());
            for (Sink sink : Sink.values()) {
                read.put(sink, new Backlog(-1, 0));
            }
        }
        lastRead = read;
        return statsOf(read);
    }

    /**
     * @return the backlog of the last {@link #stats()}, at most a scan interval old, with this
     *         process's counters and sink states as they are now; reads the database only the first time
     */
    public Map<String, SinkStats> snapshot() {
        Map<Sink, Backlog> last = lastRead;
        return last == null ? stats() : statsOf(last);
    }

    private Map<String, SinkStats> statsOf(Map<Sink, Backlog> backlog) {
        Map<String, SinkStats> result = new LinkedHashMap<>();
        for (Sink sink : Sink.values()) {
            SinkConfig sinkConfig = config.sink(sink);
            SinkMetrics m = metrics.get(sink);
            Backlog b = backlog.get(sink);
            String state = !sinkConfig.enabled() ? "disabled" : m.backingOff() ? "backing_off" : "delivering";
            result.put(sink.wireName(), new SinkStats(sinkConfig.enabled(), sinkConfig.url().toString(), state,
                    b.pending(), m.deliveredCount(), m.retriedCount(), m.deadCount(), m.droppedCount(), b.oldestAgeMs()));
        }
        return result;
    }

    /** Pending events of one sink as last counted (-1: the count failed), and how old the oldest was then. */
    private record Backlog(long pending, long oldestAgeMs) {
    }

    IntegrationsConfig config() {
        return config;
    }

    OutboxStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    SinkMetrics metrics(Sink sink) {
        return metrics.get(sink);
    }

    WakeSignal signal(Sink sink) {
        return signals.get(sink);
    }

    List<Sink> enabledSinks() {
        List<Sink> sinks = new ArrayList<>();
        for (Sink sink : Sink.values()) {
            if (config.sink(sink).enabled()) {
                sinks.add(sink);
            }
        }
        return sinks;
    }
}
