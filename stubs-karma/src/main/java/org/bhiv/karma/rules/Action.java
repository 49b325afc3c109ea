package org.bhiv.karma.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The behaviours Karma knows, by their wire names. */
public enum Action {
    COMPLETING_LESSONS("completing_lessons"),
    HELPING_PEERS("helping_peers"),
    SOLVING_DOUBTS("solving_doubts"),
    SELFLESS_SERVICE("selfless_service"),
    CHEAT("cheat"),
    WORKFLOW_SUCCESS("workflow_success"),
    WORKFLOW_FAILED("workflow_failed");

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
        return Arrays.stream(values()).filter(a -> a.wire.equals(name)).findFirst();
    }

    /** @return every wire name, for error messages */
    public static List<String> names() {
        return Arrays.stream(values()).map(Action::wire).toList();
    }
}
