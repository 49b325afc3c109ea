package org.bhiv.bucket;

import java.time.Clock;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.bhiv.bucket.audit.EventStore;
import org.bhiv.bucket.core.CoreReadService;
import org.bhiv.bucket.core.CoreWriteService;
import org.bhiv.bucket.core.ImmutableRoutes;
import org.bhiv.bucket.faults.FaultService;
import org.bhiv.bucket.faults.Faults;
import org.bhiv.bucket.prana.PranaService;
import org.bhiv.server.LogFiles;
import org.bhiv.server.ProcessMeters;
import org.bhiv.server.Servers;
import org.bhiv.server.auth.AuthHealthCheck;
import org.bhiv.server.auth.BearerTokenFilter;
import org.bhiv.server.auth.Caller;
import org.bhiv.server.auth.Tokens;

/**
 * Starts the Bucket stand-in: config, then collaborators, then routing, then the server.
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
        LogFiles.install(config, "bucket");
        WebServer server = start(config);
        LOGGER.log(System.Logger.Level.INFO, "Bucket stand-in listening on http://localhost:" + server.port());
    }

    /**
     * Builds and starts the service from config; the end-to-end tests call this too.
     *
     * @param config the root config
     * @return the started server
     */
    public static WebServer start(Config config) {
        Tokens tokens = Tokens.create(config.get("security"));
        BucketConfig bucket = BucketConfig.create(config.get("bucket"));
        Clock clock = Clock.systemUTC();
        EventStore store = bucket.journal()
                .map(path -> EventStore.withJournal(bucket.maxEvents(), clock, path))
                .orElseGet(() -> EventStore.inMemory(bucket.maxEvents(), clock));
        return Servers.start(config, routing -> routing(routing, tokens, bucket, store, clock),
                List.of(new AuthHealthCheck(Caller.mode(tokens))), new BucketProblems());
    }

    static void routing(HttpRouting.Builder routing, Tokens tokens, BucketConfig bucket, EventStore store, Clock clock) {
        Faults faults = new Faults();
        PranaService prana = new PranaService(bucket, clock);
        routing.addFilter(BearerTokenFilter.create(tokens, "bucket"))
                .register("/health", new HealthService(tokens, bucket, store, prana))
                .register("/core", new CoreWriteService(store, bucket, faults,
                        new BucketMeters(ProcessMeters.helidon(), store)), new CoreReadService(store, bucket))
                .register("/bucket/prana", prana)
                .register("/admin/faults", new FaultService(faults, bucket.operator(), bucket.maxBodyBytes()));
        ImmutableRoutes.register(routing);
    }
}
