package org.bhiv.executor.outbox;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.helidon.metrics.api.MeterRegistry;
import org.bhiv.server.LogSafe;

/**
 * The durable, bounded outbox of integration events. Create one per process and share it.
 * <p>
 * The store calls {@link #enqueue(Connection, List)} inside the transaction that stores an
 * execution result (events and result commit together), then {@link #afterCommit()} once the
 * transaction committed, which wakes the {@link OutboxDispatcher} so delivery starts within
 * milliseconds. {@link #stats()} feeds {@code /healthz}, {@link #deliveries(String)} and
 * {@link #deliveriesByTrace(String)} feed {@code GET /api/workflow/executions/{trace_id}}.
 */
public final class Outbox {

    private static final System.Logger LOGGER = System.getLogger(Outbox.class.getName());

    private final IntegrationsConfig config;
    private final OutboxStore store;
    private final Clock clock;
    private final Map<Sink, SinkMetrics> metrics = new EnumMap<>(Sink.class);
    private final Map<Sink, WakeSignal> signals = new EnumMap<>(Sink.class);

    private Outbox(DataSource dataSource, IntegrationsConfig config, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.store = new OutboxStore(dataSource);
        this.clock = clock;
        for (Sink sink : Sink.values()) {
            metrics.put(sink, new SinkMetrics(sink, registry));
            signals.put(sink, new WakeSignal());
        }
    }

    /**
     * @param dataSource the executor's migrated database (table {@code outbox_event})
     * @param config     the {@code integrations} config
     * @param registry   where the meters go ({@code Services.get(MeterRegistry.class)} in the service)
     * @return the outbox
     */
    public static Outbox create(DataSource dataSource, IntegrationsConfig config, MeterRegistry registry) {
        return new Outbox(dataSource, config, registry, Clock.systemUTC());
    }

    /**
     * Writes the events of one completed execution in the caller's transaction. Events of a
     * disabled sink are not written. When a sink already has {@code integrations.outbox.max-pending}
     * pending events, its new events are dropped (counted, WARN {@code INTEGRATION_DROPPED}) and
     * the caller's transaction is unaffected. An event id already present is not written twice.
     * Call {@link #afterCommit()} after the commit.
     *
     * @param connection the caller's connection, inside its transaction (not committed here)
     * @param events     the events, usually {@link IntegrationEvents#of(CompletedExecution)}
     * @return how many events were written
     * @throws SQLException when the database fails (the caller's transaction is then broken anyway)
     */
    public int enqueue(Connection connection, List<OutboxEvent> events) throws SQLException {
        long now = clock.millis();
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
            if (store.insert(connection, event, now)) {
                written++;
                count++;
                metrics.get(sink).enqueued();
            }
            pending.put(sink, count);
        }
        return written;
    }

    /**
     * The pending count the bound is checked against. Counting a large backlog costs milliseconds
     * in the caller's transaction, so below 90 % of the bound the count refreshed every scan
     * interval (plus this process's own writes since) is trusted; near the bound the rows are counted.
     */
    private long pendingBefore(Connection connection, Sink sink) throws SQLException {
        long estimate = metrics.get(sink).pendingEstimate();
        if (estimate >= 0 && estimate < config.maxPending() * 9L / 10) {
            return estimate;
        }
        return store.countPending(connection, sink);
    }

    /**
     * Builds and writes the Bucket and Karma events of an execution; see {@link #enqueue(Connection, List)}.
     *
     * @param connection the caller's connection, inside its transaction
     * @param execution  the completed execution
     * @return how many events were written
     * @throws SQLException when the database fails
     */
    public int enqueue(Connection connection, CompletedExecution execution) throws SQLException {
        return enqueue(connection, IntegrationEvents.of(execution, config.redaction()));
    }

    /**
     * Wakes the dispatcher: call it after the transaction that enqueued events committed. Cheap,
     * never blocks, harmless when nothing was enqueued.
     */
    public void afterCommit() {
        signals.values().forEach(WakeSignal::raise);
    }

    /**
     * @return per sink ({@code bucket}, {@code karma}, in that order) the numbers for {@code /healthz}
     */
    public Map<String, SinkStats> stats() {
        Map<Sink, OutboxStore.Backlog> backlog;
        try {
            backlog = store.backlog();
        } catch (SQLException e) {
            LOGGER.log(Level.WARNING, "Outbox backlog cannot be read: " + e.getMessage());
            backlog = Map.of();
        }
        long now = clock.millis();
        Map<String, SinkStats> result = new LinkedHashMap<>();
        for (Sink sink : Sink.values()) {
            SinkConfig sinkConfig = config.sink(sink);
            SinkMetrics m = metrics.get(sink);
            var b = backlog.getOrDefault(sink, new OutboxStore.Backlog(-1, 0));
            if (b.count() >= 0) {
                m.pending(b.count());
            }
            String state = !sinkConfig.enabled() ? "disabled" : m.backingOff() ? "backing_off" : "delivering";
            result.put(sink.wireName(), new SinkStats(sinkConfig.enabled(), sinkConfig.url().toString(), state,
                    b.count(), m.deliveredCount(), m.retriedCount(), m.deadCount(), m.droppedCount(),
                    b.count() > 0 ? Math.max(0, now - b.oldestCreatedAt()) : 0));
        }
        return result;
    }

    /**
     * @param executionId the store's id of an execution ({@link CompletedExecution#executionId()})
     * @return per sink name the delivery of its event; empty when none was written
     * @throws SQLException when the database fails
     */
    public Map<String, Delivery> deliveries(String executionId) throws SQLException {
        return store.deliveries("execution_id", executionId).getOrDefault(executionId, Map.of());
    }

    /**
     * @param traceId a decision's trace_id
     * @return per execution id (oldest first), per sink name, the delivery
     * @throws SQLException when the database fails
     */
    public Map<String, Map<String, Delivery>> deliveriesByTrace(String traceId) throws SQLException {
        return store.deliveries("trace_id", traceId);
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
