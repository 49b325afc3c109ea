package org.bhiv.karma;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.helidon.config.Config;
import org.bhiv.karma.rules.Action;
import org.bhiv.server.auth.AccessPolicy;

/**
 * Karma's settings, from the {@code karma} config node.
 *
 * @param maxUsers     most user accounts; a new user beyond that gets 507 ({@code karma.max-users})
 * @param maxEventIds  how many recent event ids are remembered for dedup ({@code karma.max-event-ids})
 * @param maxBodyBytes largest request body ({@code karma.max-body-bytes})
 * @param journal      the append-only journal; empty = memory only ({@code karma.journal})
 * @param compactAfter entries appended before the journal is rewritten as a snapshot
 *                     ({@code karma.journal-compact-after})
 * @param writers      who may send events ({@code karma.governance.writers})
 * @param modifiers    who may modify karma directly through log-action ({@code karma.governance.modifiers})
 * @param reader       who may read a user's karma ({@code karma.governance.readers},
 *                     {@code karma.governance.allow-anonymous-read})
 * @param actions      which actions an identity may send ({@code karma.governance.actions.<identity>});
 *                     an identity not listed may send every action
 */
public record KarmaConfig(int maxUsers,
                          int maxEventIds,
                          int maxBodyBytes,
                          Optional<Path> journal,
                          int compactAfter,
                          AccessPolicy writers,
                          AccessPolicy modifiers,
                          AccessPolicy reader,
                          Map<String, Set<Action>> actions) {

    private static final Set<String> ALL = Set.of("bhiv_core", "workflow_executor", "unified_action_orchestrator", "operator");

    /** The executor records behaviour and never moves karma otherwise. */
    private static final Map<String, Set<Action>> DEFAULT_ACTIONS = Map.of("workflow_executor",
            EnumSet.of(Action.WORKFLOW_SUCCESS, Action.WORKFLOW_FAILED));

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
                karma.get("journal").asString().map(String::strip).filter(s -> !s.isEmpty()).map(Path::of),
                positive(karma, "journal-compact-after", 100_000),
                new AccessPolicy(AccessPolicy.identities(governance.get("writers"), ALL), false),
                new AccessPolicy(AccessPolicy.identities(governance.get("modifiers"),
                        Set.of("bhiv_core", "operator", "unified_action_orchestrator")), false),
                new AccessPolicy(AccessPolicy.identities(governance.get("readers"), ALL),
                        governance.get("allow-anonymous-read").asBoolean().orElse(true)),
                actions(governance.get("actions")));
    }

    /**
     * @param identity who sends
     * @param action   what they send
     * @return whether that identity may send that action
     */
    public boolean mayApply(String identity, Action action) {
        Set<Action> allowed = actions.get(identity);
        return allowed == null || allowed.contains(action);
    }

    private static Map<String, Set<Action>> actions(Config node) {
        Map<String, Set<Action>> actions = new HashMap<>(DEFAULT_ACTIONS);
        node.asNodeList().orElse(java.util.List.of()).forEach(identity -> {
            Set<Action> allowed = EnumSet.noneOf(Action.class);
            for (String name : identity.asString().orElse("").split(",")) {
                if (!name.isBlank()) {
                    allowed.add(Action.parse(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                            "karma config " + identity.key() + ": unknown action '" + name.strip() + "', known: " + Action.names())));
                }
            }
            actions.put(identity.name(), allowed);
        });
        return Map.copyOf(actions);
    }

    private static int positive(Config node, String key, int defaultValue) {
        int value = node.get(key).asInt().orElse(defaultValue);
        if (value <= 0) {
            throw new IllegalArgumentException("karma config " + node.get(key).key() + " must be positive, was " + value);
        }
        return value;
    }
}
