package org.bhiv.server;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Tag;
import io.helidon.service.registry.Services;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM and process meters every service exports at {@code /observe/metrics}, with
 * Micrometer's usual names: heap and other memory ({@code jvm_memory_used_bytes}), GC
 * ({@code jvm_gc_collections_total}, {@code jvm_gc_collection_ms_total} by collector), threads
 * ({@code jvm_threads_live_threads}), CPU
 * ({@code process_cpu_usage}, {@code system_cpu_usage}), open files ({@code process_files_open_files}),
 * uptime and class loading. Every meter is registered here, at start-up: Micrometer's
 * {@code JvmGcMetrics} registers its timers later, from the JVM's notification thread, which
 * deadlocks against Helidon's registry (seen in a test run), so GC is read from the collectors'
 * MXBeans instead; meters created while serving go through Helidon's registry ({@link #helidon()}).
 */
public final class ProcessMeters {

    private ProcessMeters() {
    }

    /** @return Helidon's registry behind {@code /observe/metrics}: register meters through it while serving */
    public static io.helidon.metrics.api.MeterRegistry helidon() {
        return Services.get(io.helidon.metrics.api.MeterRegistry.class);
    }

    /** @return the Micrometer registry behind Helidon's {@code /observe/metrics} */
    public static MeterRegistry registry() {
        return helidon().unwrap(MeterRegistry.class);
    }

    /**
     * Binds the meters to the registry, once: a registry that has them already (several services
     * in one JVM, as in the e2e tests) is left as it is.
     *
     * @param registry the registry
     */
    public static void bind(MeterRegistry registry) {
        synchronized (registry) {
            if (registry.find("jvm.memory.used").meter() != null) {
                return;
            }
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new FileDescriptorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            List<Tag> tags = List.of(Tag.create("gc", gc.getName()));
            helidon().getOrCreate(FunctionalCounter.builder("jvm.gc.collections", gc, GarbageCollectorMXBean::getCollectionCount)
                    .description("Collections by this collector").tags(tags));
            helidon().getOrCreate(FunctionalCounter.builder("jvm.gc.collection.ms", gc, GarbageCollectorMXBean::getCollectionTime)
                    .description("Time spent collecting, ms").tags(tags));
        }
    }
}
