package org.bhiv.karma;

import java.util.Set;

import io.helidon.config.Config;
import org.bhiv.server.auth.AccessPolicy;

/**
 * Karma's settings, from the {@code karma} config node.
 *
 * @param maxUsers     most user accounts; a new user beyond that gets 507 ({@code karma.max-users})
 * @param maxEventIds  how many recent event ids are remembered for dedup ({@code karma.max-event-ids})
 * @param maxBodyBytes largest request body ({@code karma.max-body-bytes})
 * @param writers      who may send events ({@code karma.governance.writers})
 * @param modifiers    who may modify karma directly through log-action ({@code karma.governance.modifiers})
 * @param reader       who may read a user's karma ({@code karma.governance.readers},
 *                     {@code karma.governance.allow-anonymous-read})
 */
public record KarmaConfig(int maxUsers,
                          int maxEventIds,
                          int maxBodyBytes,
                          AccessPolicy writers,
                          AccessPolicy modifiers,
                          AccessPolicy reader) {

    private static final Set<String> ALL = Set.of("bhiv_core", "workflow_executor", "unified_action_orchestrator", "operator");

    /**
     * @param karma the {@code karma} node
     * @return the settings, with the defaults described in the README
     */
    public static KarmaConfig create(Config karma) {
        Config governance = karma.get("governance");
        return new KarmaConfig(
                positive(karma, "max-users", 100_000),
                positive(karma, "max-event-ids", 100_000),
                positive(karma, "max-body-bytes", 65_536),
                new AccessPolicy(AccessPolicy.identities(governance.get("writers"), ALL), false),
                new AccessPolicy(AccessPolicy.identities(governance.get("modifiers"),
                        Set.of("bhiv_core", "operator", "unified_action_orchestrator")), false),
                new AccessPolicy(AccessPolicy.identities(governance.get("readers"), ALL),
                        governance.get("allow-anonymous-read").asBoolean().orElse(true)));
    }

    private static int positive(Config node, String key, int defaultValue) {
        int value = node.get(key).asInt().orElse(defaultValue);
        if (value <= 0) {
            throw new IllegalArgumentException("karma config " + node.get(key).key() + " must be positive, was " + value);
        }
        return value;
    }
}
