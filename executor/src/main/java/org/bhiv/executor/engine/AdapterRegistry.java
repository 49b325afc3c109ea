package org.bhiv.executor.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bhiv.executor.adapters.Adapter;

/**
 * The adapters by {@code action_type}.
 */
public final class AdapterRegistry {

    private final Map<String, Adapter> adapters;

    /**
     * @param adapters the adapters; their action types must be distinct
     */
    public AdapterRegistry(List<Adapter> adapters) {
        var byType = new LinkedHashMap<String, Adapter>();
        for (Adapter adapter : adapters) {
            if (byType.putIfAbsent(adapter.actionType(), adapter) != null) {
                throw new IllegalArgumentException("Two adapters for action_type " + adapter.actionType());
            }
        }
        this.adapters = java.util.Collections.unmodifiableMap(byType);
    }

    /**
     * @param actionType an action_type
     * @return its adapter, if any
     */
    public Optional<Adapter> find(String actionType) {
        return Optional.ofNullable(adapters.get(actionType));
    }

    /** @return the supported action types, in registration order */
    public Set<String> actionTypes() {
        return adapters.keySet();
    }
}
