package org.bhiv.karma.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Karma roles, each reached at a merit threshold. */
public enum Role {
    LEARNER("learner", 0),
    VOLUNTEER("volunteer", 50),
    SEVA("seva", 200),
    GURU("guru", 500);

    private static final Map<String, Role> BY_WIRE = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Role::wire, r -> r));
    private static final List<String> NAMES = Arrays.stream(values()).map(Role::wire).toList();

    private final String wire;
    private final double threshold;

    Role(String wire, double threshold) {
        this.wire = wire;
        this.threshold = threshold;
    }

    /** @return the name on the wire */
    public String wire() {
        return wire;
    }

    /** @return the lowest merit score that reaches this role */
    public double threshold() {
        return threshold;
    }

    /**
     * @param name a wire name
     * @return the role, empty when unknown
     */
    public static Optional<Role> parse(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(name));
    }

    /** @return every wire name, for error messages */
    public static List<String> names() {
        return NAMES;
    }
}
