package org.bhiv.karma.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The behaviours Karma knows, by their wire names. */
public enum Action {
    COMPLETING_LESSONS("completing_lessons"),
    HELPING_PEERS("helping_peers"),
    SOLVING_DOUBTS("solving_doubts"),
    SELFLESS_SERVICE("selfless_service"),
    CHEAT("cheat"),
    WORKFLOW_SUCCESS("workflow_success"),
    WORKFLOW_FAILED("workflow_failed");

    private static final Map<String, Action> BY_WIRE = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Action::wire, a -> a));
    private static final List<String> NAMES = Arrays.stream(values()).map(Action::wire).toList();

    private final String wire;

    Action(String wire) {
        this.wire = wire;
    }

    /** @return the name on the wire */
    public String wire() {
        return wire;
    }

    /**
     * @param name a wire name
     * @return the action, empty when unknown
     */
    public static Optional<Action> parse(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(name));
    }

    /** @return every wire name, for error messages */
    public static List<String> names() {
        return NAMES;
    }
}
