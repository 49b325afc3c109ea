package org.bhiv.executor.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * The pooled, migrated database. Opening it creates or migrates the schema
 * ({@code db/migration} on the classpath), so a fresh data directory or an empty PostgreSQL
 * database is ready to use.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final String kind;
    private final GroupCommit commits;
    private final Transactions transactions;

    private Database(HikariDataSource dataSource, String kind, boolean syncCommits) {
        this.dataSource = dataSource;
        this.kind = kind;
        // H2 writes each commit to its file at once (WRITE_DELAY=0, see StoreConfig) but leaves the
        // fsync to the operating system unless told; PostgreSQL fsyncs its WAL on commit by itself.
        this.commits = new GroupCommit(dataSource, syncCommits && kind.equals("h2") ? "CHECKPOINT SYNC" : null);
        this.transactions = new Transactions(dataSource, commits);
    }

    /**
     * Opens the pool and migrates the schema.
     *
     * @param config the store config
     * @return the database
     */
    public static Database open(StoreConfig config) {
        if (config.kind().equals("h2")) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create executor.store.data-dir " + config.dataDir(), e);
            }
        }
        var hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setPoolName("executor-store");
        var dataSource = new HikariDataSource(hikari);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration", "classpath:org/bhiv/executor/store/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, config.kind(), config.syncCommits());
    }

    /** @return the pooled data source */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return group-committed writes and pooled reads on this database */
    Transactions transactions() {
        return transactions;
    }

    /** @return "h2" or "postgresql" */
    public String kind() {
        return kind;
    }

    /** @return true when a connection can be had and answers within a second */
    public boolean ping() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        commits.close();
        dataSource.close();
    }
}
