package org.bhiv.server.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Configs;
import org.bhiv.server.Json;

/**
 * A real service on a random port with one token per identity, and a client that answers with
 * status, body and headers. Each service's tests extend it with calls of their own.
 */
public class ServiceFixture implements AutoCloseable {

    public static final String CORE = "core-token";
    public static final String EXECUTOR = "executor-token";
    public static final String ORCHESTRATOR = "orchestrator-token";
    public static final String OPERATOR = "operator-token";
    public static final String WRONG = "not-a-known-token";

    /** Every kind of caller a governance matrix covers, as {name, token}; no token is {@code null}. */
    private static final String[][] CALLERS = {{"bhiv_core", CORE}, {"workflow_executor", EXECUTOR},
            {"unified_action_orchestrator", ORCHESTRATOR}, {"operator", OPERATOR}, {"no token", null},
            {"wrong token", WRONG}};

    private final WebServer server;
    private final WebClient client;

    protected ServiceFixture(WebServer server) {
        this.server = server;
        this.client = WebClient.builder().baseUri("http://localhost:" + server.port()).build();
    }

    /**
     * Starts a service with one token per identity, plus these settings.
     *
     * @param main     the service's {@code Main::start}
     * @param settings further config keys
     * @return the started server
     */
    protected static WebServer startWithTokens(Function<Config, WebServer> main, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(Map.of("server.port", "0", "logging.file", ""));
        String[][] tokens = {{CORE, "bhiv_core"}, {EXECUTOR, "workflow_executor"},
                {ORCHESTRATOR, "unified_action_orchestrator"}, {OPERATOR, "operator"}};
        for (int i = 0; i < tokens.length; i++) {
            config.put("security.tokens." + i + ".token", tokens[i][0]);
            config.put("security.tokens." + i + ".identity", tokens[i][1]);
        }
        config.putAll(settings);
        return main.apply(Configs.create(config));
    }

    public Answer call(Method method, String path, String token, String body) {
        String[] pathAndQuery = path.split("\\?", 2);
        HttpClientRequest req = client.method(method).path(pathAndQuery[0]);
        if (pathAndQuery.length > 1) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] kv = pair.split("=", 2);
                req.queryParam(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        if (token != null) {
            req.header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        try (HttpClientResponse res = body == null ? req.request() : req
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit(body)) {
            String text = res.as(String.class);
            JsonNode json;
            try {
                json = text.isEmpty() ? null : Json.mapper().readTree(text);
            } catch (Exception e) {
                json = null;
            }
            return new Answer(res.status().code(), json, text,
                    res.headers().first(HeaderNames.CONTENT_TYPE).orElse(""),
                    res.headers().first(HeaderNames.create("Allow")).orElse(""),
                    res.headers().first(HeaderNames.WWW_AUTHENTICATE).orElse(""));
        }
    }

    public Answer get(String path, String token) {
        return call(Method.GET, path, token, null);
    }

    public Answer post(String path, String token, String body) {
        return call(Method.POST, path, token, body);
    }

    /**
     * Expands a governance table into one case per operation and caller.
     *
     * @param table rows of {operation, int[] expected statuses in the order bhiv_core,
     *              workflow_executor, unified_action_orchestrator, operator, no token, wrong token}
     * @return cases {operation, caller name, token, expected status}
     */
    public static List<Object[]> governanceCases(Object[][] table) {
        List<Object[]> cases = new ArrayList<>();
        for (Object[] row : table) {
            int[] expected = (int[]) row[1];
            if (expected.length != CALLERS.length) {
                throw new IllegalArgumentException(row[0] + ": one expected status per caller, " + CALLERS.length + " in all");
            }
            for (int i = 0; i < CALLERS.length; i++) {
                cases.add(new Object[] {row[0], CALLERS[i][0], CALLERS[i][1], expected[i]});
            }
        }
        return cases;
    }

    @Override
    public void close() {
        server.stop();
    }

    /**
     * @param status      HTTP status
     * @param json        the body as JSON, {@code null} when it is not JSON
     * @param text        the body as text
     * @param contentType the Content-Type
     * @param allow       the Allow header
     * @param challenge   the WWW-Authenticate header
     */
    public record Answer(int status, JsonNode json, String text, String contentType, String allow, String challenge) {
    }
}
