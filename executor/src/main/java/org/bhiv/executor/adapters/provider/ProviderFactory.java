package org.bhiv.executor.adapters.provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds an adapter's provider from its config name ({@code executor.adapters.<name>.provider}).
 * An unknown name fails start-up with a message naming the key and the known providers.
 *
 * @param <P> the provider type
 */
public final class ProviderFactory<P> {

    private final String adapter;
    private final Map<String, Function<ProviderContext, P>> makers;

    private ProviderFactory(String adapter, Map<String, Function<ProviderContext, P>> makers) {
        this.adapter = adapter;
        this.makers = Map.copyOf(makers);
    }

    /**
     * @param adapter the adapter's name, for messages
     * @param <P>     the provider type
     * @return a builder
     */
    public static <P> Builder<P> builder(String adapter) {
        return new Builder<>(adapter);
    }

    /**
     * @param context the adapter's config and shared collaborators
     * @return the provider named by {@code context.config().provider()}
     * @throws IllegalArgumentException when no provider has that name
     */
    public P create(ProviderContext context) {
        String name = context.config().provider();
        Function<ProviderContext, P> maker = makers.get(name);
        if (maker == null) {
            throw new IllegalArgumentException("executor.adapters." + adapter + ".provider: unknown provider '"
                    + name + "'; known providers: " + String.join(", ", new java.util.TreeSet<>(makers.keySet())));
        }
        return maker.apply(context);
    }

    /**
     * Collects the named providers of one adapter.
     *
     * @param <P> the provider type
     */
    public static final class Builder<P> {
        private final String adapter;
        private final Map<String, Function<ProviderContext, P>> makers = new LinkedHashMap<>();

        private Builder(String adapter) {
            this.adapter = adapter;
        }

        /**
         * @param name  the config name
         * @param maker builds the provider
         * @return this builder
         */
        public Builder<P> add(String name, Function<ProviderContext, P> maker) {
            makers.put(name, maker);
            return this;
        }

        /** @return the factory */
        public ProviderFactory<P> build() {
            return new ProviderFactory<>(adapter, makers);
        }
    }
}
