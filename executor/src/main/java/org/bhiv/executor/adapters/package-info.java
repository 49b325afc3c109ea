/**
 * The adapter contract: {@link org.bhiv.executor.adapters.Adapter} (one per action type, in its
 * own sub-package), the call it gets ({@link org.bhiv.executor.adapters.AdapterCall}), what it
 * answers ({@link org.bhiv.executor.adapters.AdapterOutcome}), its validated config, the payload
 * field readers every adapter validates with, and deterministic identifiers. How a provider is
 * picked and called lives in {@code adapters.provider}; the sandbox providers in {@code adapters.sandbox}.
 */
package org.bhiv.executor.adapters;
