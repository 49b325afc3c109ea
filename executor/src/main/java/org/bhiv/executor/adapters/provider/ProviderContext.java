package org.bhiv.executor.adapters.provider;

import java.time.Clock;

import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.sandbox.SandboxRecorder;

/**
 * What a provider factory gets to build a provider.
 *
 * @param config   the adapter's config (provider settings live under its node)
 * @param recorder where sandbox providers record what they would have sent
 * @param clock    the clock for timestamps
 */
public record ProviderContext(AdapterConfig config, SandboxRecorder recorder, Clock clock) {
}
