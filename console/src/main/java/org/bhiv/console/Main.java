package org.bhiv.console;

import java.time.Clock;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.staticcontent.StaticContentService;
import org.bhiv.server.LogFiles;
import org.bhiv.server.Servers;

/**
 * Starts the console: config, then collaborators, then routing, then the server.
 */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    private Main() {
    }

    /**
     * Runs the console until the JVM is stopped.
     *
     * @param args ignored; configuration comes from {@code application.yaml}, environment and {@code -D}
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        LogFiles.install(config, "console");
        WebServer server = start(config);
        LOGGER.log(System.Logger.Level.INFO, "Console listening on http://localhost:" + server.port() + "/");
    }

    /**
     * Builds and starts the console from config; tests call this too.
     *
     * @param config the root config
     * @return the started server
     */
    public static WebServer start(Config config) {
        ConsoleConfig console = ConsoleConfig.create(config.get("console"));
        if (console.token().isEmpty()) {
            LOGGER.log(System.Logger.Level.WARNING, "console.token is empty: calls to the pillars carry no token and "
                    + "anyone may redeliver dead events (open stack)");
        }
        var pillars = new Pillars(console);
        var sessions = new OperatorSessions(console, Clock.systemUTC());
        return Servers.start(config, routing -> routing
                .register("/api/health", new HealthApi(pillars))
                .register("/api/session", new SessionApi(sessions, console))
                .register("/api/send", new SendApi(pillars, console))
                .register("/api/dead-events", new DeadEventsApi(pillars, sessions))
                .register("/api", new ExecutionsApi(pillars))
                .register("/bucket/prana", new PranaProxy(pillars, console))
                .register("/prana", StaticContentService.builder("META-INF/resources/prana").build())
                .register("/", StaticContentService.builder("web").welcomeFileName("index.html").build()),
                List.of());
    }
}
