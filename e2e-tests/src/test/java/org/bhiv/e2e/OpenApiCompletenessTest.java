package org.bhiv.e2e;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Json;
import org.bhiv.server.docs.RouteTable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's OpenAPI document ({@code GET /openapi}) against the running service, configured
 * as the launcher configures it (tokens, anonymous execute and handle_task): every route the
 * server registered is documented, every documented route exists, each documented example is
 * sent and answered as documented, an operation that lists {@code x-identities} refuses a caller
 * without a token (unless {@code x-anonymous}), and every request example is a file of
 * {@code docs/examples/<service>/} and every such file an example of the document.
 *
 * <p>How examples pair up: the request examples of an operation (request body or parameters)
 * and its response examples share a name; the response code that holds the name is the status
 * expected. A documented answer is a subset of the real one: each documented member is present
 * with the same value, except that an ISO-8601 time, a UUID or a SHA-256 only has to have that
 * form, a number named {@code *_ms} or {@code *_seconds} only has to be a number, and a
 * documented {@code null} is any value. Example {@code x-identity} names the caller
 * ({@code none} = no token); else the operation's first {@code x-identities}.
 */
class OpenApiCompletenessTest {

    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Set<String> OBSERVE = Set.of("/observe/health", "/observe/metrics");
    private static final Map<String, String> TOKENS = Map.of(
            "bhiv_core", Stack.CORE_TOKEN, "workflow_executor", Stack.EXECUTOR_TOKEN, "operator", Stack.OPERATOR_TOKEN);

    @ParameterizedTest
    @EnumSource(StackService.class)
    void documentMatchesTheRunningService(StackService service, @TempDir Path dir) throws IOException {
        WebServer server = service.start(launcherConfig(service, dir));
        try {
            String base = "http://localhost:" + server.port();
            Http.Answer answer = Http.send("GET", base + "/openapi", null, null, "application/json");
            assertThat(answer.status()).isEqualTo(200);
            JsonNode document = Json.mapper().readTree(answer.body());
            assertThat(document.path("openapi").asText()).as(answer.body()).startsWith("3.1");
            assertThat(Http.get(base + "/openapi", null).body()).as("YAML by default").startsWith("openapi:");

            Set<String> documented = documentedRoutes(document);
            Set<String> registered = registeredRoutes(server);
            assertThat(documented).as("every registered route is documented").containsAll(registered);
            for (String route : documented) {
                if (!registered.contains(route)) {
                    assertThat(OBSERVE).as("%s is documented but not registered", route).contains(route.substring(route.indexOf(' ') + 1));
                    String path = route.substring(route.indexOf(' ') + 1);
                    assertThat(Http.get(base + path, null).status()).as(route).isEqualTo(200);
                }
            }
            List<String> failures = new ArrayList<>();
            int sent = sendExamples(base, document, failures);
            assertThat(failures).as("examples answered otherwise than documented").isEmpty();
            System.out.printf("OpenAPI %s: %d routes documented, %d registered, %d examples sent%n",
                    service.module(), documented.size(), registered.size(), sent);
            examplesAreTheFilesOfDocsExamples(service, document);

            Http.Answer ui = Http.get(base + "/docs/", null);
            assertThat(ui.status()).isEqualTo(200);
            assertThat(ui.body()).contains("swagger-ui");
            assertThat(Http.get(base + "/docs/swagger-initializer.js", null).body()).contains("/openapi");
            assertThat(Http.get(base + "/docs/swagger-ui-bundle.js", null).status()).isEqualTo(200);
        } finally {
            server.stop();
        }
    }

    private static Map<String, String> launcherConfig(StackService service, Path dir) {
        Map<String, String> config = new HashMap<>();
        config.put("server.port", "0");
        config.put("logging.file", "");
        config.put("security.tokens.0.token", Stack.CORE_TOKEN);
        config.put("security.tokens.0.identity", "bhiv_core");
        config.put("security.tokens.1.token", Stack.EXECUTOR_TOKEN);
        config.put("security.tokens.1.identity", "workflow_executor");
        config.put("security.tokens.2.token", Stack.OPERATOR_TOKEN);
        config.put("security.tokens.2.identity", "operator");
        switch (service) {
            case EXECUTOR -> {
                config.put("security.anonymous.allow", "execute");
                config.put("executor.store.data-dir", dir.resolve("executor").toString());
                config.put("integrations.bucket.enabled", "false");
                config.put("integrations.karma.enabled", "false");
            }
            case CORE -> {
                config.put("security.anonymous.allow", "handle_task");
                config.put("workflow-executor.url", "http://127.0.0.1:9");
                config.put("bucket.url", "http://127.0.0.1:9");
            }
            default -> {
            }
        }
        return config;
    }

    /** "METHOD /path" of every documented operation, trailing slashes dropped. */
    private static Set<String> documentedRoutes(JsonNode document) {
        Set<String> routes = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                routes.add(op.getKey().toUpperCase() + " " + normalise(path.getKey()));
            }
        }));
        return routes;
    }

    /** "METHOD /path" of every route the service registered; ANY (405 for other methods) only needs its path documented. */
    private static Set<String> registeredRoutes(WebServer server) {
        Set<String> routes = new TreeSet<>();
        for (RouteTable.Route route : RouteTable.of(server)) {
            if (!route.method().equals("ANY")) {
                routes.add(route.method() + " " + normalise(route.path()));
            }
        }
        return routes;
    }

    private static String normalise(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static int sendExamples(String base, JsonNode document, List<String> failures) {
        int sent = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                JsonNode operation = op.getValue();
                String method = op.getKey().toUpperCase();
                for (String name : exampleNames(operation)) {
                    send(base, path.getKey(), method, operation, name, failures);
                    sent++;
                }
                if (operation.has("x-identities") && !operation.has("x-anonymous")) {
                    String url = base + url(path.getKey(), operation, firstExampleName(operation));
                    JsonNode body = requestExample(operation, firstExampleName(operation)).path("value");
                    Http.Answer anonymous = Http.send(method, url, null, body.isMissingNode() ? null : body.toString(), null);
                    if (anonymous.status() != 401) {
                        failures.add(method + " " + path.getKey() + " without a token answered " + anonymous.status()
                                + ", not 401: " + anonymous.body());
                    }
                }
            }
        }
        return sent;
    }

    private static void send(String base, String pathTemplate, String method, JsonNode operation, String name,
                             List<String> failures) {
        JsonNode example = requestExample(operation, name);
        String identity = example.path("x-identity").asText(operation.path("x-identities").path(0).asText("none"));
        String token = identity.equals("none") ? null : TOKENS.get(identity);
        String url = base + url(pathTemplate, operation, name);
        JsonNode body = example.path("value");
        Http.Answer answer = Http.send(method, url, token, body.isMissingNode() || example.path("in").asText().equals("parameter")
                ? null : body.toString(), null);
        Map.Entry<String, JsonNode> expected = responseExample(operation, name);
        String what = method + " " + url + " [" + name + "]: " + answer.body();
        if (answer.status() != Integer.parseInt(expected.getKey())) {
            failures.add(what + " -> status " + answer.status() + ", documented " + expected.getKey());
            return;
        }
        List<String> mismatches = new ArrayList<>();
        match("", expected.getValue().path("value"), answer.json(), mismatches);
        if (!mismatches.isEmpty()) {
            failures.add(what + " -> " + mismatches);
        }
    }

    /** Names of the request examples: request-body examples, then parameter examples. */
    private static Set<String> exampleNames(JsonNode operation) {
        Set<String> names = new LinkedHashSet<>();
        operation.path("requestBody").path("content").path("application/json").path("examples").fieldNames()
                .forEachRemaining(names::add);
        operation.path("parameters").forEach(p -> p.path("examples").fieldNames().forEachRemaining(names::add));
        return names;
    }

    private static String firstExampleName(JsonNode operation) {
        return exampleNames(operation).stream().findFirst().orElse("");
    }

    private static JsonNode requestExample(JsonNode operation, String name) {
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("examples").path(name);
        if (!body.isMissingNode()) {
            return body;
        }
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("examples").has(name)) {
                return Json.mapper().createObjectNode().put("in", "parameter")
                        .put("x-identity", p.path("examples").path(name).path("x-identity").asText(
                                operation.path("x-identities").path(0).asText("none")));
            }
        }
        return Json.mapper().missingNode();
    }

    private static String url(String template, JsonNode operation, String name) {
        String path = template;
        List<String> query = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            JsonNode value = p.path("examples").path(name).path("value");
            if (value.isMissingNode()) {
                continue;
            }
            String text = URLEncoder.encode(value.asText(), StandardCharsets.UTF_8);
            switch (p.path("in").asText()) {
                case "path" -> path = path.replace("{" + p.path("name").asText() + "}", text);
                case "query" -> query.add(p.path("name").asText() + "=" + text);
                default -> {
                }
            }
        }
        assertThat(path).as("every path parameter of %s has an example", template).doesNotContain("{");
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    private static Map.Entry<String, JsonNode> responseExample(JsonNode operation, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> codes = operation.path("responses").fields(); codes.hasNext(); ) {
            Map.Entry<String, JsonNode> code = codes.next();
            for (JsonNode content : code.getValue().path("content")) {
                if (content.path("examples").has(name)) {
                    return Map.entry(code.getKey(), content.path("examples").path(name));
                }
            }
        }
        throw new AssertionError("request example '" + name + "' has no response example of the same name");
    }

    /** The documented answer is a subset of the real one (see the class comment). */
    static void match(String at, JsonNode expected, JsonNode actual, List<String> mismatches) {
        if (expected.isNull()) {
            return;
        }
        if (expected.isObject()) {
            expected.properties().forEach(e -> {
                if (!actual.has(e.getKey())) {
                    mismatches.add(at + "/" + e.getKey() + " missing");
                } else {
                    match(at + "/" + e.getKey(), e.getValue(), actual.get(e.getKey()), mismatches);
                }
            });
        } else if (expected.isArray()) {
            if (!actual.isArray() || actual.size() < expected.size()) {
                mismatches.add(at + " should be an array of at least " + expected.size() + ": " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                match(at + "/" + i, expected.get(i), actual.get(i), mismatches);
            }
        } else if (expected.isNumber() && (at.endsWith("_ms") || at.endsWith("_seconds"))) {
            if (!actual.isNumber()) {
                mismatches.add(at + " should be a number: " + actual);
            }
        } else if (expected.isTextual() && volatileForm(expected.asText()) != null) {
            if (!actual.isTextual() || !volatileForm(expected.asText()).matcher(actual.asText()).matches()) {
                mismatches.add(at + " should look like " + expected.asText() + ": " + actual);
            }
        } else if (!expected.equals(actual)) {
            mismatches.add(at + " is " + actual + ", documented " + expected);
        }
    }

    private static Pattern volatileForm(String text) {
        for (Pattern p : List.of(TIME, UUID, SHA256)) {
            if (p.matcher(text).matches()) {
                return p;
            }
        }
        return null;
    }

    /** Each request example is docs/examples/<module>/<name>.json, and each such file is an example of the document. */
    private static void examplesAreTheFilesOfDocsExamples(StackService service, JsonNode document) throws IOException {
        Map<String, JsonNode> inDocument = new HashMap<>();
        document.path("paths").forEach(path -> path.forEach(op -> op.path("requestBody").path("content")
                .path("application/json").path("examples").properties()
                .forEach(e -> inDocument.put(e.getKey(), e.getValue().path("value")))));
        Path folder = Repo.root().resolve("docs/examples").resolve(service.module());
        Map<String, JsonNode> files = new HashMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                for (Path file : list.filter(f -> f.toString().endsWith(".json")).toList()) {
                    files.put(file.getFileName().toString().replace(".json", ""), Json.mapper().readTree(file.toFile()));
                }
            }
        }
        assertThat(files.keySet()).as("docs/examples/%s holds the document's request examples", service.module())
                .containsExactlyInAnyOrderElementsOf(inDocument.keySet());
        files.forEach((name, json) -> assertThat(json).as("docs/examples/%s/%s.json", service.module(), name)
                .isEqualTo(inDocument.get(name)));
    }
}
