package org.bhiv.executor.store;

import java.nio.file.Path;
import java.time.Duration;

import io.helidon.config.Config;

/**
 * The {@code executor.store} config node.
 *
 * @param url            JDBC URL; empty = the embedded H2 file under {@code dataDir}
 * @param dataDir        where the embedded database lives
 * @param user           database user
 * @param password       database password (never logged)
 * @param poolSize       largest number of pooled connections
 * @param connectTimeout how long to wait for a connection from the pool
 * @param syncCommits    also survive power loss on the embedded database: fsync each group commit
 *                       (PostgreSQL: the server's {@code synchronous_commit} and {@code fsync} decide)
 */
public record StoreConfig(String url, Path dataDir, String user, String password, int poolSize,
                          Duration connectTimeout, boolean syncCommits) {

    public StoreConfig {
        if (poolSize < 1) {
            throw new IllegalArgumentException("executor.store.pool-size must be at least 1, was " + poolSize);
        }
    }

    /** A config that survives a process crash but leaves the fsync to the operating system. */
    public StoreConfig(String url, Path dataDir, String user, String password, int poolSize, Duration connectTimeout) {
        this(url, dataDir, user, password, poolSize, connectTimeout, false);
    }

    /**
     * @param store the {@code executor.store} node
     * @return the config with its defaults
     */
    public static StoreConfig create(Config store) {
        Path dataDir = Path.of(store.get("data-dir").asString().orElse("data"));
        return new StoreConfig(
                store.get("url").asString().orElse("").strip(),
                dataDir,
                store.get("user").asString().orElse(""),
                store.get("password").asString().orElse(""),
                store.get("pool-size").asInt().orElse(10),
                store.get("connect-timeout").as(Duration.class).orElse(Duration.ofSeconds(2)),
                store.get("sync-commits").asBoolean().orElse(false));
    }

    /** @return the configured URL, or the embedded H2 file's */
    public String jdbcUrl() {
        if (!url.isEmpty()) {
            return url;
        }
        // PostgreSQL mode so that the one SQL dialect serves both databases. WRITE_DELAY=0: H2 writes
        // each commit to the file before the commit returns; by default it does so up to 500 ms later,
        // and a process killed meanwhile loses transactions that were already answered.
        // QUERY_CACHE_SIZE: a group commit runs a dozen statements on one session; H2 keeps 8 parsed.
        // retry: an interrupt during H2's file I/O closes its FileChannel, and the database then fails
        // every statement until restarted; a provider that overruns its timeout is interrupted.
        return "jdbc:h2:file:retry:" + dataDir.toAbsolutePath().resolve("executor")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=64";
    }

    /** @return "postgresql" or "h2" */
    public String kind() {
        return jdbcUrl().startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + jdbcUrl() + ", user=" + user + ", poolSize=" + poolSize
                + ", syncCommits=" + syncCommits + "]";
    }
}
