package org.bhiv.executor;

import java.util.List;

import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;

/**
 * What the executor does after its server stopped taking requests, in order: drain the outbox,
 * stop the purge, close the database. A step that fails is logged and the next one still runs.
 */
final class ShutdownSteps implements HttpFeature {

    private static final System.Logger LOGGER = System.getLogger(ShutdownSteps.class.getName());

    /**
     * One named step.
     *
     * @param name   what it does, for the log
     * @param action the step
     */
    record Step(String name, Runnable action) {
    }

    private final List<Step> steps;

    ShutdownSteps(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public void setup(HttpRouting.Builder routing) {
        // no routes: only the afterStop hook
    }

    @Override
    public void afterStop() {
        run();
    }

    /** Runs every step once, in order. */
    void run() {
        for (Step step : steps) {
            try {
                step.action().run();
            } catch (RuntimeException e) {
                LOGGER.log(System.Logger.Level.WARNING, "Shutdown step failed: " + step.name(), e);
            }
        }
    }
}
