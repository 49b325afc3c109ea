package org.bhiv.bucket;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;
import org.bhiv.server.auth.AccessPolicy;

/**
 * Bucket's settings, from the {@code bucket} config node.
 *
 * @param version       reported as {@code bucket_version}
 * @param maxEvents     most audit records kept; when full, writes are refused with 507 ({@code bucket.max-events})
 * @param maxEventBytes largest {@code event_data} object, as compact JSON ({@code bucket.max-event-bytes})
 * @param maxBodyBytes  largest request body of any POST ({@code bucket.max-body-bytes})
 * @param maxPackets    most PRANA packets kept; the oldest are dropped first ({@code bucket.prana.max-packets})
 * @param journal       the append-only journal file; empty = memory only ({@code bucket.journal})
 * @param writers       who may append events ({@code bucket.governance.writers})
 * @param reader        who may read events, stats, PRANA packets and the verdict
 *                      ({@code bucket.governance.readers}, {@code bucket.governance.allow-anonymous-read})
 * @param contextReader who may read an agent's context ({@code bucket.governance.context-readers})
 * @param operator      who may inject faults ({@code bucket.governance.operators})
 * @param pranaWriter   who may send PRANA packets ({@code bucket.governance.prana-writers},
 *                      {@code bucket.governance.allow-anonymous-prana}: browsers send them without a token)
 */
public record BucketConfig(String version,
                           int maxEvents,
                           int maxEventBytes,
                           int maxBodyBytes,
                           int maxPackets,
                           Optional<Path> journal,
                           AccessPolicy writers,
                           AccessPolicy reader,
                           AccessPolicy contextReader,
                           AccessPolicy operator,
                           AccessPolicy pranaWriter) {

    /**
     * @param bucket the {@code bucket} node
     * @return the settings, with the defaults described in the README
     */
    public static BucketConfig create(Config bucket) {
        Config governance = bucket.get("governance");
        int maxEventBytes = positive(bucket, "max-event-bytes", 65536);
        return new BucketConfig(
                bucket.get("version").asString().orElse("1.0.0"),
                positive(bucket, "max-events", 100_000),
                maxEventBytes,
                Math.max(positive(bucket, "max-body-bytes", 131_072), maxEventBytes),
                positive(bucket.get("prana"), "max-packets", 100_000),
                bucket.get("journal").asString().map(String::strip).filter(s -> !s.isEmpty()).map(Path::of),
                new AccessPolicy(AccessPolicy.identities(governance.get("writers"),
                        Set.of("bhiv_core", "workflow_executor", "unified_action_orchestrator")), false),
                new AccessPolicy(AccessPolicy.identities(governance.get("readers"), Set.of("bhiv_core", "operator")),
                        governance.get("allow-anonymous-read").asBoolean().orElse(true)),
                new AccessPolicy(AccessPolicy.identities(governance.get("context-readers"), Set.of("bhiv_core")), false),
                new AccessPolicy(AccessPolicy.identities(governance.get("operators"), Set.of("operator")), false),
                new AccessPolicy(AccessPolicy.identities(governance.get("prana-writers"),
                        Set.of("bhiv_core", "workflow_executor", "unified_action_orchestrator", "operator")),
                        governance.get("allow-anonymous-prana").asBoolean().orElse(true)));
    }

    private static int positive(Config node, String key, int defaultValue) {
        int value = node.get(key).asInt().orElse(defaultValue);
        if (value <= 0) {
            throw new IllegalArgumentException("bucket config " + node.get(key).key() + " must be positive, was " + value);
        }
        return value;
    }
}
