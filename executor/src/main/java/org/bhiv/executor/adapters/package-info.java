/**
 * What every adapter shares: the {@link org.bhiv.executor.adapters.Adapter} contract, its
 * config, the one-method {@link org.bhiv.executor.adapters.Provider} interface with the
 * factory that picks a provider by config name, the timed provider call and the one place
 * where provider failures are classified, deterministic identifiers, and the sandbox recorder.
 * For real providers: {@link org.bhiv.executor.adapters.ProviderSettings} (settings checked at
 * start-up, messages naming key and environment variable), {@link org.bhiv.executor.adapters.ProviderHttp}
 * (the JSON-over-HTTP client) and {@link org.bhiv.executor.adapters.Secret} (a value that never prints).
 * Each adapter lives in its own sub-package.
 */
package org.bhiv.executor.adapters;
