package org.bhiv.executor.adapters;

import java.time.Clock;

/**
 * What a provider factory gets to build a provider.
 *
 * @param config   the adapter's config (provider settings live under its node)
 * @param recorder where sandbox providers record what they would have sent
 * @param clock    the clock for timestamps
 */
public record ProviderContext(AdapterConfig config, SandboxRecorder recorder, Clock clock) {
}
