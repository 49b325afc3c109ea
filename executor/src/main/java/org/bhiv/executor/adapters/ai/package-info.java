/**
 * The {@code ai} adapter: validates the prompt, asks a
 * {@link org.bhiv.executor.adapters.Provider} chosen by {@code executor.adapters.ai.provider}.
 */
package org.bhiv.executor.adapters.ai;
