/**
 * What every adapter shares: the {@link org.bhiv.executor.adapters.Adapter} contract, its
 * config, the one-method {@link org.bhiv.executor.adapters.Provider} interface with the
 * factory that picks a provider by config name, the timed provider call and the one place
 * where provider failures are classified, deterministic identifiers, and the sandbox recorder.
 * Each adapter lives in its own sub-package.
 */
package org.bhiv.executor.adapters;
