/**
 * The {@code ai} adapter: validates the prompt, asks a
 * {@link org.bhiv.executor.adapters.provider.Provider} chosen by {@code executor.adapters.ai.provider}:
 * {@code sandbox} (default) or {@code openai} (an OpenAI-compatible chat completions API).
 */
package org.bhiv.executor.adapters.ai;
