package org.bhiv.console;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Configs;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's own API on a real server with every pillar down (a closed port): it answers
 * within its timeout and says which pillar is down, signing in takes the operator's token and
 * gives back only an {@code HttpOnly} session cookie, redelivery needs that session, bad input
 * gets a problem naming the field, and no page, script or answer ever carries the token.
 */
class ConsoleApiTest {

    private static final String TOKEN = "console-operator-token-7f3a";

    private static WebServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws IOException {
        String down = "http://127.0.0.1:" + closedPort();
        server = Main.start(Configs.create(Map.of("server.port", "0", "logging.file", "",
                "console.karma-url", down, "console.bucket-url", down, "console.core-url", down,
                "console.executor-url", down, "console.token", TOKEN, "console.timeout", "PT1S")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void healthSaysEveryPillarIsDownInsteadOfFailing() throws Exception {
        var res = send(get("/api/health"));
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode health = Json.mapper().readTree(res.body());
        assertThat(health.path("overall").asText()).isEqualTo("degraded");
        for (String pillar : new String[] {"karma", "bucket", "core", "executor", "prana"}) {
            assertThat(health.path("pillars").path(pillar).path("state").asText()).as(pillar).isEqualTo("down");
        }
    }

    @Test
    void redeliveryNeedsAnOperatorSessionAndSigningInNeedsTheToken() throws Exception {
        var anonymous = send(post("/api/dead-events/1/redeliver", "", null));
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(anonymous.body()).contains("operator_required");
        assertThat(send(post("/api/dead-events/redeliver?sink=bucket", "", "console_session=forged")).statusCode())
                .as("a made-up session").isEqualTo(403);

        assertThat(send(post("/api/session", "{\"token\":\"wrong\"}", null)).statusCode()).isEqualTo(401);

        var signedIn = send(post("/api/session", "{\"token\":\"" + TOKEN + "\"}", null));
        assertThat(signedIn.statusCode()).isEqualTo(200);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("console_session=").contains("HttpOnly").contains("SameSite=Strict")
                .doesNotContain(TOKEN);
        assertThat(signedIn.body()).doesNotContain(TOKEN);
        String session = cookie.substring(0, cookie.indexOf(';'));

        var tooLong = send(post("/api/dead-events/99999999999999999999/redeliver", "", session));
        assertThat(tooLong.statusCode()).as("an id of more than 18 digits never reaches the executor").isEqualTo(404);
        assertThat(tooLong.body()).contains("dead_event_not_found");
        // accepted: the call goes to the executor, which is down here
        var redelivered = send(post("/api/dead-events/1/redeliver", "", session));
        assertThat(redelivered.statusCode()).isEqualTo(502);
        assertThat(redelivered.body()).contains("pillar_unavailable").doesNotContain(TOKEN);

        var signedOut = send(HttpRequest.newBuilder(uri("/api/session")).header("Cookie", session).DELETE());
        assertThat(signedOut.statusCode()).isEqualTo(200);
        assertThat(send(post("/api/dead-events/1/redeliver", "", session)).statusCode()).isEqualTo(403);
    }

    @Test
    void badInputGetsAProblemNamingTheField() throws Exception {
        var unknown = send(post("/api/send", "{\"action_type\":\"rocket\"}", null));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("action_type");
        var longUser = send(post("/api/send", "{\"action_type\":\"task\",\"user_id\":\"" + "u".repeat(200) + "\"}", null));
        assertThat(longUser.statusCode()).isEqualTo(422);
        assertThat(longUser.body()).contains("user_id");
        var notJson = send(post("/api/session", "token=" + TOKEN, null));
        assertThat(notJson.statusCode()).isBetween(400, 415);
        assertThat(notJson.body()).doesNotContain(TOKEN).doesNotContain("Exception");
        assertThat(send(get("/api/trace/%3Cscript%3E")).statusCode()).isEqualTo(404);
    }

    @Test
    void noPageScriptOrAnswerCarriesTheToken() throws Exception {
        for (String page : new String[] {"/", "/index.html", "/console.js", "/console.css", "/prana.html",
                "/prana/prana.js", "/prana/bridge.js"}) {
            var res = send(get(page));
            assertThat(res.statusCode()).as(page).isEqualTo(200);
            assertThat(res.body()).as(page).doesNotContain(TOKEN);
        }
        // with every pillar down these answer 200 or 502, never 500, and never with the token
        for (String api : new String[] {"/api/health", "/api/session", "/api/executions", "/api/dead-events",
                "/api/trace/some-trace"}) {
            var res = send(get(api));
            assertThat(res.statusCode()).as(api).isIn(200, 502);
            assertThat(res.body()).as(api).doesNotContain(TOKEN);
            assertThat(res.headers().map().toString()).as(api + " headers").doesNotContain(TOKEN);
        }
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private static HttpRequest.Builder post(String path, String json, String cookie) {
        var builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return cookie == null ? builder : builder.header("Cookie", cookie);
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
