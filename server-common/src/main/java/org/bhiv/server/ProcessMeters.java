package org.bhiv.server;

import io.helidon.service.registry.Services;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM and process meters every service exports at {@code /observe/metrics}, with
 * Micrometer's usual names: heap and other memory ({@code jvm_memory_used_bytes}), GC
 * ({@code jvm_gc_pause_seconds}), threads ({@code jvm_threads_live_threads}), CPU
 * ({@code process_cpu_usage}, {@code system_cpu_usage}), open files ({@code process_files_open_files}),
 * uptime and class loading.
 */
public final class ProcessMeters {

    private ProcessMeters() {
    }

    /** @return the Micrometer registry behind Helidon's {@code /observe/metrics} */
    public static MeterRegistry registry() {
        return Services.get(io.helidon.metrics.api.MeterRegistry.class).unwrap(MeterRegistry.class);
    }

    /**
     * Binds the meters to the registry, once: a registry that has them already (several services
     * in one JVM, as in the e2e tests) is left as it is.
     *
     * @param registry the registry
     */
    @SuppressWarnings("resource") // JvmGcMetrics listens to the GC for the life of the JVM, as the meters do
    public static void bind(MeterRegistry registry) {
        synchronized (registry) {
            if (registry.find("jvm.memory.used").meter() != null) {
                return;
            }
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }
    }
}
