package org.bhiv.karma;

import java.time.Clock;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.bhiv.karma.api.EventService;
import org.bhiv.karma.api.KarmaMeters;
import org.bhiv.karma.api.KarmaQueryService;
import org.bhiv.karma.api.LogActionService;
import org.bhiv.karma.ledger.KarmaLedger;
import org.bhiv.server.LogFiles;
import org.bhiv.server.ProcessMeters;
import org.bhiv.server.Servers;
import org.bhiv.server.auth.AuthHealthCheck;
import org.bhiv.server.auth.BearerTokenFilter;
import org.bhiv.server.auth.Caller;
import org.bhiv.server.auth.Tokens;

/**
 * Starts the Karma stand-in: config, then collaborators, then routing, then the server.
 */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    private Main() {
    }

    /**
     * Runs the service until the JVM is stopped.
     *
     * @param args ignored; configuration comes from {@code application.yaml}, environment and {@code -D}
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        LogFiles.install(config, "karma");
        WebServer server = start(config);
        LOGGER.log(System.Logger.Level.INFO, "Karma stand-in listening on http://localhost:" + server.port());
    }

    /**
     * Builds and starts the service from config; the end-to-end tests call this too.
     *
     * @param config the root config
     * @return the started server
     */
    public static WebServer start(Config config) {
        Tokens tokens = Tokens.create(config.get("security"));
        KarmaConfig karma = KarmaConfig.create(config.get("karma"));
        Clock clock = Clock.systemUTC();
        KarmaLedger ledger = karma.journal()
                .map(path -> KarmaLedger.withJournal(karma.maxUsers(), karma.maxEventIds(), clock, path, karma.compactAfter()))
                .orElseGet(() -> new KarmaLedger(karma.maxUsers(), karma.maxEventIds(), clock));
        return Servers.start(config, routing -> routing(routing, tokens, karma, ledger, clock),
                List.of(new AuthHealthCheck(Caller.mode(tokens))),
                new KarmaProblems(clock));
    }

    static void routing(HttpRouting.Builder routing, Tokens tokens, KarmaConfig karma, KarmaLedger ledger, Clock clock) {
        KarmaMeters meters = new KarmaMeters(ProcessMeters.helidon());
        EventService events = new EventService(ledger, karma, clock, meters);
        LogActionService logAction = new LogActionService(ledger, karma, clock, meters);
        routing.addFilter(BearerTokenFilter.create(tokens, "karma"))
                .register("/health", new HealthService(tokens, ledger))
                .register("/v1/event", events)
                .register("/api/v1/log-action", logAction)
                .register("/api/v1/karma", new KarmaQueryService(ledger, karma));
    }
}
