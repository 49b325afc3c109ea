/**
 * Provider plumbing shared by every adapter: the one-method {@link org.bhiv.executor.adapters.provider.Provider}
 * interface and the factory that picks one by config name, the one timed provider call
 * ({@link org.bhiv.executor.adapters.provider.ProviderCalls}, the only place that classifies provider
 * failures), the writes a provider makes with its execution ({@link org.bhiv.executor.adapters.provider.Effects}),
 * and for real providers: settings checked at start-up ({@link org.bhiv.executor.adapters.provider.ProviderSettings}),
 * the JSON-over-HTTP client ({@link org.bhiv.executor.adapters.provider.ProviderHttp}) and a value
 * that never prints ({@link org.bhiv.executor.adapters.provider.Secret}).
 */
package org.bhiv.executor.adapters.provider;
