package org.bhiv.server.docs;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {

    @Test
    void recordsRoutesOfServicesUnderTheirPrefixAndPassesEverythingOn() {
        RouteTable table = new RouteTable();
        HttpRouting.Builder real = HttpRouting.builder();
        HttpService tasks = rules -> rules.get("/{task_id}", (req, res) -> res.send("task"))
                .post("/", (req, res) -> res.send("created"))
                .any("/", (req, res) -> res.status(405).send());
        HttpRouting.Builder recording = table.recording(real);
        assertThat(recording.get("/healthz", (req, res) -> res.send("ok"))
                .register("/api/tasks", tasks)
                .route(Method.DELETE, "/admin", (req, res) -> res.send())).isSameAs(recording);

        assertThat(table.routes()).containsExactly(
                new RouteTable.Route("GET", "/healthz"),
                new RouteTable.Route("GET", "/api/tasks/{task_id}"),
                new RouteTable.Route("POST", "/api/tasks"),
                new RouteTable.Route("ANY", "/api/tasks"),
                new RouteTable.Route("DELETE", "/admin"));
        assertThat(real.build()).isNotNull();
    }

    @Test
    void whatTheRoutingThrowsIsThrownAsIs() {
        HttpService broken = (HttpRules rules) -> {
            throw new IllegalArgumentException("bad route");
        };
        assertThatThrownBy(() -> new RouteTable().recording(HttpRouting.builder()).register("/x", broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bad route");
    }
}
