package org.bhiv.executor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.helidon.webserver.WebServer;
import org.bhiv.server.Configs;
import org.bhiv.server.Servers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownStepsTest {

    @Test
    void stepsRunInOrderWhenTheServerStopsEvenAfterAFailingStep() {
        List<String> ran = new CopyOnWriteArrayList<>();
        var steps = new ShutdownSteps(List.of(
                new ShutdownSteps.Step("first", () -> ran.add("first")),
                new ShutdownSteps.Step("failing", () -> {
                    throw new IllegalStateException("boom");
                }),
                new ShutdownSteps.Step("last", () -> ran.add("last"))));
        WebServer server = Servers.start(Configs.create(Map.of("server.port", "0", "logging.file", "")),
                routing -> routing.addFeature(steps), List.of());
        assertThat(ran).isEmpty();

        server.stop();

        assertThat(ran).containsExactly("first", "last");
    }
}
