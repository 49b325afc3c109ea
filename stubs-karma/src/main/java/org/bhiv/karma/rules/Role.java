package org.bhiv.karma.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Karma roles, each reached at a merit threshold. */
public enum Role {
    LEARNER("learner", 0),
    VOLUNTEER("volunteer", 50),
    SEVA("seva", 200),
    GURU("guru", 500);

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
        return Arrays.stream(values()).filter(r -> r.wire.equals(name)).findFirst();
    }

    /** @return every wire name, for error messages */
    public static List<String> names() {
        return Arrays.stream(values()).map(Role::wire).toList();
    }
}
