package org.bhiv.executor.adapters.provider;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.bhiv.executor.adapters.Adapter;
import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.sandbox.InMemorySandboxRecorder;
import org.bhiv.executor.engine.AdapterRegistry;
import org.bhiv.executor.engine.ExecutionEngine;
import org.bhiv.server.Json;

/**
 * Builds one adapter with a real provider from flat config (keys below
 * {@code executor.adapters}) and runs payloads through the engine, so tests see the
 * {@code execution_result} envelope a caller would get.
 */
public final class RealProviderFixture {

    /** The fixed clock of every result. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private RealProviderFixture() {
    }

    /**
     * @param adapter the adapter's name
     * @param config  flat keys below {@code executor.adapters}, e.g. {@code whatsapp.provider}
     * @return the context a provider factory gets
     */
    public static ProviderContext context(String adapter, Map<String, String> config) {
        Config adapters = Config.just(ConfigSources.create(new HashMap<>(config)));
        return new ProviderContext(AdapterConfig.create(adapters, adapter),
                new InMemorySandboxRecorder(CLOCK), CLOCK);
    }

    /**
     * @param adapter    the adapter's name
     * @param config     flat keys below {@code executor.adapters}
     * @param newAdapter builds the adapter from the context
     * @return an engine with that one adapter
     */
    public static ExecutionEngine engine(String adapter, Map<String, String> config,
                                         Function<ProviderContext, Adapter> newAdapter) {
        return new ExecutionEngine(new AdapterRegistry(List.of(newAdapter.apply(context(adapter, config)))), CLOCK);
    }

    /**
     * @param actionType the action type
     * @param fields     the payload's other fields
     * @return the payload
     */
    public static ObjectNode payload(String actionType, Map<String, Object> fields) {
        ObjectNode payload = Json.mapper().valueToTree(fields);
        payload.put("action_type", actionType);
        return payload;
    }
}
