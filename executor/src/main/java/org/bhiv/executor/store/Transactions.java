package org.bhiv.executor.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The two ways the executor's SQL runs: a write runs in the next group commit and returns once
 * it is committed ({@link GroupCommit}); direct work runs on a pooled connection in auto-commit
 * mode, for reads (they see committed data only) and for housekeeping whose durability does not
 * matter (a purge). Both turn {@link SQLException} into {@link StoreException}.
 */
final class Transactions {

    /** JDBC work that answers something. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final GroupCommit commits;

    Transactions(DataSource dataSource, GroupCommit commits) {
        this.dataSource = dataSource;
        this.commits = commits;
    }

    /**
     * Runs {@code work} in one transaction, together with other threads' writes: all of it
     * commits, or none of it. It must neither commit, roll back nor close the connection.
     */
    <T> T write(String operation, Work<T> work) {
        return commits.write(operation, work);
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode, outside the group commit. */
    <T> T direct(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreException.of(operation, e);
        }
    }
}
