package org.bhiv.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so docker-compose.yml and the Dockerfile are kept correct by
 * reading them: every environment name is a config key the service reads, ports agree
 * everywhere, healthchecks answer 200 on the real services, build paths exist. Changing a
 * port, an env name or a health path in one place only fails this test.
 */
class ComposeFileTest {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_]+)(:\\?[^}]*)?}");
    private static final Pattern TOKEN_KEYS = Pattern.compile("security\\.tokens\\.\\d+\\.(token|identity)");
    private static final Pattern HEALTH_PORT = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)");
    private static final Pattern HEALTH_PATH = Pattern.compile("GET (/\\S*) HTTP");
    private static final Set<String> TOKENS_FILE_VARIABLES = Set.of("BHIV_CORE_TOKEN", "WORKFLOW_EXECUTOR_TOKEN", "OPERATOR_TOKEN");

    private static Map<String, Object> compose;

    @BeforeAll
    static void readCompose() throws IOException {
        try (InputStream in = Files.newInputStream(Repo.root().resolve("docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
    }

    static Stream<String> composeServices() throws IOException {
        readCompose();
        return services().keySet().stream();
    }

    @Test
    void composeRunsTheFourPillarsTheConsoleAndNothingElse() {
        // PRANA, the fifth pillar, is a browser library: the console serves it and its packets go to Bucket
        assertThat(services().keySet()).containsExactlyInAnyOrder("karma", "bucket", "core", "executor", "console");
    }

    @Test
    void everyServiceRunsWithABoundedHeap() {
        // without -Xmx a JVM takes a quarter of the machine's memory: an executor under load grew past 1.3 GB
        String dockerfile = read(Repo.root().resolve("Dockerfile"));
        assertThat(dockerfile).contains("ARG HEAP=").contains("-Xmx${HEAP}").doesNotContain("MaxRAMPercentage");
        assertThat(read(Repo.root().resolve("bin/stack"))).as("bin/stack").contains("-Xmx");
    }

    @ParameterizedTest
    @MethodSource("composeServices")
    void buildPathsExistAndNameARealModule(String name) {
        Map<String, Object> build = map(service(name).get("build"));
        Path context = Repo.root().resolve((String) build.get("context")).normalize();
        assertThat(context.resolve((String) build.get("dockerfile"))).isRegularFile();
        String module = module(name);
        assertThat(Repo.root().resolve(module).resolve("pom.xml")).isRegularFile();
        assertThat(rootPom()).contains("<module>" + module + "</module>");
        // The Dockerfile copies <module>/target/<module>.jar: the jar is named after the artifactId.
        assertThat(read(Repo.root().resolve(module).resolve("pom.xml"))).contains("<artifactId>" + module + "</artifactId>");
    }

    @Test
    void everyPathTheDockerfileCopiesExists() {
        String dockerfile = read(Repo.root().resolve("Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+)").matcher(dockerfile);
        int copies = 0;
        while (copy.find()) {
            copies++;
            assertThat(Repo.root().resolve(copy.group(1))).as("COPY %s", copy.group(1)).exists();
        }
        assertThat(copies).isGreaterThan(3);
        for (String module : modulesOfRootPom()) {
            assertThat(dockerfile).as("the build stage copies module %s", module).contains(module + "/");
        }
        assertThat(dockerfile).contains("${MODULE}/target/${MODULE}.jar").contains("${MODULE}/target/libs/");
    }

    @ParameterizedTest
    @MethodSource("composeServices")
    void everyEnvironmentNameIsAConfigKeyTheServiceReads(String name) {
        Set<String> known = flattenedKeys(Repo.applicationYaml(module(name)));
        for (String env : environment(name).keySet()) {
            String key = configKey(env);
            assertThat(known.contains(key) || TOKEN_KEYS.matcher(key).matches())
                    .as("%s: %s maps to config key '%s', which %s/application.yaml does not define", name, env, key, module(name))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("composeServices")
    void portsAgreeBetweenComposeConfigAndHealthcheck(String name) {
        String[] mapping = ((String) ((List<?>) service(name).get("ports")).getFirst()).split(":");
        int containerPort = Integer.parseInt(mapping[1]);
        assertThat(environment(name)).containsEntry("SERVER_PORT", String.valueOf(containerPort));
        assertThat(flattenedValues(Repo.applicationYaml(module(name)))).containsEntry("server.port", String.valueOf(containerPort));
        assertThat(Integer.parseInt(healthcheck(name, HEALTH_PORT))).isEqualTo(containerPort);
    }

    @ParameterizedTest
    @MethodSource("composeServices")
    void healthcheckHitsARealEndpointOfTheServiceStartedWithTheComposeEnvironment(String name, @TempDir Path dir) {
        Map<String, String> overrides = new HashMap<>();
        environment(name).forEach((env, value) -> overrides.put(configKey(env), interpolate(value)));
        overrides.put("server.port", "0");
        overrides.put("logging.file", "");
        // container paths become temporary ones; URLs of peers stay (nothing is called during a health check)
        overrides.replaceAll((key, value) -> value.startsWith("/app/") ? dir.resolve(value.substring(5)).toString() : value);
        StackService service = StackService.byModule(module(name));
        WebServer server = service.start(overrides);
        try (HttpClientResponse res = WebClient.builder().baseUri("http://localhost:" + server.port()).build()
                .get(healthcheck(name, HEALTH_PATH)).request()) {
            assertThat(res.status().code()).isEqualTo(200);
            // Tokens everywhere; the executor and Core also let callers without a token do their one operation.
            // The console checks no tokens: it holds the operator's and answers anyone who may look.
            String auth = switch (service) {
                case EXECUTOR -> "tokens+anonymous-execute";
                case CORE -> "tokens+anonymous-handle_task";
                case CONSOLE -> null;
                default -> "tokens";
            };
            String body = res.as(String.class);
            if (auth != null) {
                assertThat(body).contains("\"auth\":\"" + auth + "\"");
            } else {
                assertThat(body).contains("\"status\":\"UP\"");
            }
        } finally {
            server.stop();
        }
        assertThat(healthcheck(name, HEALTH_PATH)).isEqualTo(service.healthPath());
    }

    @Test
    void startOrderWaitsForHealthyPeers() {
        assertThat(map(service("executor").get("depends_on"))).containsOnlyKeys("karma", "bucket");
        assertThat(map(service("core").get("depends_on"))).containsOnlyKeys("bucket", "executor");
        assertThat(map(service("console").get("depends_on"))).containsOnlyKeys("karma", "bucket", "core", "executor");
        for (String name : List.of("executor", "core", "console")) {
            map(service(name).get("depends_on")).values()
                    .forEach(v -> assertThat(map(v)).containsEntry("condition", "service_healthy"));
        }
    }

    @Test
    void tokensComeOnlyFromTheLaunchersTokensFile() {
        Set<String> used = new TreeSet<>();
        for (String name : services().keySet()) {
            environment(name).values().forEach(v -> {
                Matcher m = INTERPOLATION.matcher(v);
                while (m.find()) {
                    used.add(m.group(1));
                }
            });
        }
        assertThat(used).isEqualTo(TOKENS_FILE_VARIABLES);
        String launcher = read(Repo.root().resolve("bin/stack"));
        TOKENS_FILE_VARIABLES.forEach(v -> assertThat(launcher).contains("echo \"" + v + "="));
    }

    // --- reading ---------------------------------------------------------------------------

    /** Helidon's environment mapping: "_dash_" is "-", "_" is ".", case-insensitive. */
    static String configKey(String env) {
        return env.replace("_dash_", "-").replace("_DASH_", "-").replace('_', '.').toLowerCase(Locale.ROOT);
    }

    private static String interpolate(String value) {
        return INTERPOLATION.matcher(value).replaceAll(m -> m.group(1).toLowerCase(Locale.ROOT) + "-test-token");
    }

    private static String healthcheck(String name, Pattern pattern) {
        List<?> test = (List<?>) map(service(name).get("healthcheck")).get("test");
        Matcher m = pattern.matcher(String.join(" ", test.stream().map(String::valueOf).toList()));
        assertThat(m.find()).as("%s healthcheck matches %s", name, pattern).isTrue();
        return m.group(1);
    }

    private static Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private static Map<String, Object> service(String name) {
        return map(services().get(name));
    }

    private static String module(String name) {
        return (String) map(map(service(name).get("build")).get("args")).get("MODULE");
    }

    private static Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service(name).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    private static Set<String> flattenedKeys(Path yaml) {
        return flattenedValues(yaml).keySet();
    }

    private static Map<String, String> flattenedValues(Path yaml) {
        Map<String, String> flat = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(yaml)) {
            flatten("", new Yaml().load(in), flat);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(prefix + "." + i, l.get(i), out);
            }
            out.put(prefix, String.valueOf(l));
        } else {
            out.put(prefix, String.valueOf(node));
        }
    }

    private static List<String> modulesOfRootPom() {
        List<String> modules = new ArrayList<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom());
        while (m.find()) {
            modules.add(m.group(1));
        }
        return modules;
    }

    private static String rootPom() {
        return read(Repo.root().resolve("pom.xml"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }
}
